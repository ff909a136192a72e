"""Fruchthalle check-in kiosk."""

__version__ = "0.1.0"
