"""Erasing one person (right to erasure). Called when the journal applies a 'forget' change,
so the erasure reaches every kiosk that syncs."""

from __future__ import annotations

from .models import AuditRow, CheckInRow, CheckInScanRow, ContactRow, GuestRow, PrintJobRow


def erase_guest(store, guest_id: str) -> None:
    """Blank every personal field and remove the person's check-ins, contacts and print jobs.

    The row itself stays, marked forgotten, so that edits still travelling from other
    kiosks cannot bring the person back.
    """
    GuestRow.insert(id=guest_id, ticket_code="", ticket_key=f"~{guest_id}", device_id=store.device_id,
                    created_at=store.now(), updated_at=store.now()).on_conflict_ignore().execute()
    GuestRow.update(external_id="", ticket_code="", ticket_key=f"~{guest_id}", title="", first_name="",
                    last_name="", organization=None, email="", email_key="", days="[]", consent_contacts=False,
                    walk_in=False, needs_review=False, field_clocks="{}", placeholder=False, forgotten=True,
                    updated_at=store.now()).where(GuestRow.id == guest_id).execute()
    for model, column in ((CheckInRow, CheckInRow.guest), (CheckInScanRow, CheckInScanRow.guest),
                          (PrintJobRow, PrintJobRow.guest)):
        model.delete().where(column == guest_id).execute()
    ContactRow.delete().where((ContactRow.guest_low == guest_id) | (ContactRow.guest_high == guest_id)).execute()
    AuditRow.update(subject="").where(AuditRow.subject == guest_id).execute()
    from .privacy import ORGANIZATION_FIELDS, PERSONAL_FIELDS, scrub_journal

    # The journal's earlier edits of this person must not keep what the tables no longer hold.
    scrub_journal(store.db, [guest_id], PERSONAL_FIELDS + ORGANIZATION_FIELDS)
