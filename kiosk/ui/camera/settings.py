"""The camera staff chose for this kiosk, kept in its own database's settings (never synced: each
kiosk has its own cameras). Runs on a worker: it reads and writes the database."""

from __future__ import annotations

PREFIX = "camera."


def chosen_camera(store) -> str:
    """The chosen camera's id, '' for none."""
    return store.kiosk_settings(PREFIX).get("device", "")


def keep_camera(store, device: str) -> str:
    store.keep_kiosk_settings(PREFIX, {"device": device})
    return device
