"""What storage declares once stays true to the tables: the guest fields and columns, and the tables that
hold personal data (erasure and purge read that list)."""

from __future__ import annotations

from kiosk.storage.erasure import GUEST_ROWS, PURGED_ROWS
from kiosk.storage.guest_fields import (FIELD_COLUMNS, GUEST_FIELDS, ORGANIZATION_FIELDS, PERSONAL_FIELDS,
                                        READ_COLUMNS, ROW_COLUMNS)
from kiosk.storage.models import ALL_MODELS, GuestRow


def test_every_table_that_names_a_guest_is_declared_as_personal_data():
    naming = {(model.__name__, key.name) for model in ALL_MODELS for key in model._meta.refs
              if key.rel_model is GuestRow}
    assert naming == {(table, column) for table, columns in GUEST_ROWS.items() for column in columns}
    assert set(PURGED_ROWS) <= set(GUEST_ROWS)


def test_the_declared_guest_columns_are_the_guest_table():
    assert sorted(ROW_COLUMNS) == sorted(f.column_name for f in GuestRow._meta.sorted_fields)
    assert set(FIELD_COLUMNS) < set(ROW_COLUMNS)
    assert set(READ_COLUMNS) <= set(GuestRow._meta.fields)


def test_personal_and_organization_fields_are_guest_fields():
    assert set(PERSONAL_FIELDS) | set(ORGANIZATION_FIELDS) < set(GUEST_FIELDS)
    assert not set(PERSONAL_FIELDS) & set(ORGANIZATION_FIELDS)
    assert set(PERSONAL_FIELDS) <= set(GuestRow._meta.fields)  # a purge blanks them by column name
