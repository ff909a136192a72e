"""The domain: guests, check-ins, contacts and their rules.

Standard library only: no Qt, no peewee, no ReportLab (enforced by a test).
"""
