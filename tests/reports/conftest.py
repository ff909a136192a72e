"""Fixtures: the hand-counted small event, the simulated demo event, the CLI (see tests/event_scenario.py)."""

from event_scenario import demo, demo_file, kiosk, small  # noqa: F401
