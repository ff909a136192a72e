"""Aggregate queries for the event report: SQLite counts, Python sees only the totals.

Every function returns a few hundred tuples at most, however many guests and
contacts there are: 100,000 guests and 1,000,000 contacts take a few seconds
in all, because no row becomes a Python object. Times are grouped in UTC
quarter hours (every time zone offset in use is a multiple of 15 minutes), so
the caller can turn them into local time, summer time included.

Guests anonymised by purge still count everywhere except in the networker
ranking, which shows only guests who can be named; erased guests (forget) count
nowhere, their check-ins and contacts are gone. A placeholder (a guest named by
a synced check-in before their own data arrived) counts as attending, not as
registered.

Contacts count only between confirmed guests (core.leaderboard.counted states the rule;
unconfirmed_guests below is the same rule as a query): a contact with a walk-in awaiting staff
review, or with a placeholder, counts for neither side in any figure here. The big aggregates
count everything along the indexes as before and take off the few contacts of unconfirmed guests,
found from those guests along the same indexes, so a million contacts still read no rows.

Each function reads the database of the Store it is given.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from peewee import JOIN, SQL, Case, NodeList, Select, Value, fn

from kiosk.core.model import OrganizationKind

from .privacy import counts_in_report, nameable

NO_KIND = ""  # a guest without an organization
KINDS = tuple(str(k) for k in OrganizationKind)


def _day_condition(column, day: date | None):
    return SQL("1 = 1") if day is None else (column == day)


def guest_groups(store, event_days: tuple[date, ...]) -> list[tuple[str | None, str, bool, bool, int, int]]:
    """(organization id, days JSON, walk-in, placeholder, check-in mask, guests) for every such combination.

    Bit i of the mask: checked in on event_days[i]. One pass over the guests with
    one look-up in the (guest, day) index each gives registrations, check-ins,
    no-shows and attendance by organization: a few thousand rows at most.
    """
    t = store.tables
    CheckInRow, GuestRow = t.CheckInRow, t.GuestRow
    bits = Case(CheckInRow.day, [(day.isoformat(), 1 << i) for i, day in enumerate(event_days)], 0)
    mask = CheckInRow.select(fn.TOTAL(bits)).where(CheckInRow.guest == GuestRow.id)
    # '+organization': read the guest table in order instead of along the organization index
    per_guest = (GuestRow.select(NodeList((SQL("+"), GuestRow.organization), glue="").alias("org"),
                                 GuestRow.days.alias("days"), GuestRow.walk_in.alias("walk_in"),
                                 GuestRow.placeholder.alias("placeholder"), mask.alias("mask"))
                 .where(counts_in_report(GuestRow)).alias("per_guest"))
    columns = (per_guest.c.org, per_guest.c.days, per_guest.c.walk_in, per_guest.c.placeholder, per_guest.c.mask)
    query = GuestRow.select(*columns, fn.COUNT(SQL("*"))).from_(per_guest).group_by(*columns)
    return [(org, days, bool(walk_in), bool(placeholder), int(mask), count)
            for org, days, walk_in, placeholder, mask, count in query.tuples()]


def organizations(store) -> dict[str, tuple[str, str]]:
    """(name, kind) by organization id."""
    OrganizationRow = store.tables.OrganizationRow
    query = OrganizationRow.select(OrganizationRow.id, OrganizationRow.name, OrganizationRow.kind)
    return {oid: (name, kind) for oid, name, kind in query.tuples()}


def arrivals_by_quarter_hour(store, day: date | None = None) -> list[tuple[date, datetime, int]]:
    """(check-in day, start of the UTC quarter hour, arrivals), in time order."""
    CheckInRow = store.tables.CheckInRow
    hour = fn.substr(CheckInRow.at, 1, 13).coerce(False)  # "2023-10-24T07"
    quarter = fn.substr(CheckInRow.at, 15, 2).coerce(False).cast("INTEGER") / 15
    query = (CheckInRow.select(CheckInRow.day, hour, quarter, fn.COUNT(SQL("*")))
             .where(_day_condition(CheckInRow.day, day))
             .group_by(CheckInRow.day, hour, quarter)
             .order_by(CheckInRow.day, hour, quarter))
    return [(_as_date(d), _quarter_start(h, q), count) for d, h, q, count in query.tuples()]


def unconfirmed_guests(store) -> Select:
    """SQL: the ids of guests whose contacts count for nobody (the rule: core.leaderboard.counted).

    Walk-ins awaiting staff review, and placeholders: a guest this kiosk knows only from a synced
    check-in or contact, whose own row (review flag included) has not arrived yet.
    """
    GuestRow = store.tables.GuestRow
    return GuestRow.select(GuestRow.id).where(GuestRow.needs_review | GuestRow.placeholder)


def unconfirmed_guest_ids(store) -> frozenset[str]:
    return frozenset(gid for (gid,) in unconfirmed_guests(store).tuples())


def counted_contact_count(store, guest_id: str) -> int:
    """How many of one guest's contacts count (what the leaderboard shows next to them)."""
    ContactRow = store.tables.ContactRow
    mine = (ContactRow.guest_low == guest_id) | (ContactRow.guest_high == guest_id)
    return ContactRow.select().where(mine, ~_with_unconfirmed_guest(store)).count()


def _with_unconfirmed_guest(store):
    """SQL: a contact that does not count, as one of its guests is unconfirmed."""
    ContactRow = store.tables.ContactRow
    unconfirmed = unconfirmed_guests(store)
    return ContactRow.guest_low.in_(unconfirmed) | ContactRow.guest_high.in_(unconfirmed)


def _uncounted_contacts(store, day: date | None = None) -> Select:
    """(guest_low_id, guest_high_id, day) of the contacts that do not count: few, and found from their
    unconfirmed guests along the two guest indexes."""
    ContactRow = store.tables.ContactRow
    query = ContactRow.select(ContactRow.guest_low, ContactRow.guest_high, ContactRow.day).where(
        _with_unconfirmed_guest(store))
    if day is not None:  # '+day': stay on the guest indexes
        query = query.where(NodeList((SQL("+"), ContactRow.day), glue="") == day)
    return query


def contacts_by_day(store) -> dict[date, int]:
    """Counted contacts per day."""
    ContactRow = store.tables.ContactRow
    query = ContactRow.select(ContactRow.day, fn.COUNT(SQL("*"))).group_by(ContactRow.day)
    counts = {_as_date(d): count for d, count in query.tuples()}
    uncounted = _uncounted_contacts(store).alias("uncounted")
    for day, n in (ContactRow.select(uncounted.c.day, fn.COUNT(SQL("*"))).from_(uncounted)
                   .group_by(uncounted.c.day).tuples()):
        counts[_as_date(day)] -= n
    return counts


def top_networkers(store, day: date | None = None,
                   top: int = 10) -> list[tuple[str, int, datetime, str, str, str, str]]:
    """(guest id, distinct contacts, time of the last one, title, first, last, organization), best first.

    The order of core.leaderboard.rank_networkers: most contacts, then whoever got
    there first, then the guest id; only guests who may be named on a leaderboard
    (consent to contact exchange, known, not anonymised) are ranked. Counting reads the
    two guest indexes of the contact table only; the time of the last contact is
    looked up for the few guests whose count can still reach the top.
    """
    t = store.tables
    GuestRow, ContactRow, OrganizationRow = t.GuestRow, t.ContactRow, t.OrganizationRow
    counts = _contact_counts(store, day)
    named = (GuestRow.select(counts.c.gid.alias("gid"), counts.c.n.alias("n")).from_(counts)
             .join(GuestRow, on=(GuestRow.id == counts.c.gid))
             .where(nameable(GuestRow), counts.c.n > 0)).cte("named")
    cut = Select((named,), (named.c.n,)).order_by(named.c.n.desc()).offset(top - 1).limit(1).cte("cut")
    reached = fn.MAX(fn.COALESCE(_last_contact(store, ContactRow.guest_low, named.c.gid, day), ""),
                     fn.COALESCE(_last_contact(store, ContactRow.guest_high, named.c.gid, day), ""))
    best = (Select((named,), (named.c.gid, named.c.n, reached.alias("reached")))
            .where(named.c.n >= fn.COALESCE(Select((cut,), (cut.c.n,)), 0))
            .order_by(named.c.n.desc(), SQL("reached"), named.c.gid).limit(top)).cte("best")
    query = (GuestRow.select(best.c.gid, best.c.n, best.c.reached, GuestRow.title,
                             GuestRow.first_name, GuestRow.last_name, fn.COALESCE(OrganizationRow.name, ""))
             .from_(best).join(GuestRow, on=(GuestRow.id == best.c.gid))
             .join(OrganizationRow, JOIN.LEFT_OUTER, on=(GuestRow.organization == OrganizationRow.id))
             .order_by(best.c.n.desc(), best.c.reached, best.c.gid)
             .with_cte(named, cut, best))
    return [(gid, n, _as_datetime(reached), title, first, last, org)
            for gid, n, reached, title, first, last, org in query.tuples()]


def _last_contact(store, column, guest_id, day: date | None):
    """The time of a guest's last counted contact on one side of the pair, along that side's index."""
    ContactRow = store.tables.ContactRow
    query = ContactRow.select(fn.MAX(ContactRow.at)).where(column == guest_id, ~_with_unconfirmed_guest(store))
    if day is not None:  # '+day': keep SQLite on the guest index instead of scanning the whole day
        query = query.where(NodeList((SQL("+"), ContactRow.day), glue="") == day)
    return query


def _contact_counts(store, day: date | None):
    """(gid, n): counted contacts per guest (0 for an unconfirmed guest). All days: grouped along the
    two guest indexes, no row is read; then one less for each end of every contact that does not count."""
    t = store.tables
    ContactRow, GuestRow = t.ContactRow, t.GuestRow
    if day is None:
        ends = [ContactRow.select(column.alias("gid"), fn.COUNT(SQL("*")).alias("n")).group_by(column)
                for column in (ContactRow.guest_low, ContactRow.guest_high)]
    else:
        ends = [ContactRow.select(column.alias("gid"), Value(1).alias("n")).where(ContactRow.day == day)
                for column in (ContactRow.guest_low, ContactRow.guest_high)]
    for end in ("guest_low_id", "guest_high_id"):
        uncounted = _uncounted_contacts(store, day).alias(f"uncounted_{end}")
        gid = getattr(uncounted.c, end).alias("gid")
        ends.append(ContactRow.select(gid, Value(-1).alias("n")).from_(uncounted))
    both = ends[0]
    for more in ends[1:]:
        both = both.union_all(more)
    both = both.alias("ends")
    return (GuestRow.select(both.c.gid.alias("gid"), fn.SUM(both.c.n).alias("n"))
            .from_(both).group_by(both.c.gid).alias("counts"))


def contacts_between_kinds(store, day: date | None = None) -> list[tuple[str, str, bool, int]]:
    """(kind of one guest, kind of the other, same organization?, contacts).

    'Same organization' needs both guests in one organization; a guest without
    one has met someone from another organization. A temporary table maps each
    guest to a small kind number once, so each contact costs two look-ups in a
    compact index; over all days the contacts are summed per guest first, in the
    order of the contact index, so SQLite never sorts a million rows.
    """
    t = store.tables
    ContactRow, GuestRow, OrganizationRow = t.ContactRow, t.GuestRow, t.OrganizationRow
    db = ContactRow._meta.database
    kinds = KINDS + (NO_KIND,)
    db.execute_sql("PRAGMA temp.cache_size = -65536")  # 64 MiB: the default 2 MiB makes every look-up a read
    db.execute_sql(f"CREATE TEMP TABLE {_GUEST_KINDS} (id TEXT PRIMARY KEY, org INTEGER, kind INTEGER) "
                   "WITHOUT ROWID")
    try:
        numbers = " ".join(f"WHEN ? THEN {i}" for i in range(len(KINDS)))
        unconfirmed, unconfirmed_params = unconfirmed_guests(store).sql()
        # Unconfirmed guests are left out: the joins below then drop every contact that does not count.
        db.execute_sql(f"INSERT INTO {_GUEST_KINDS} (id, org, kind) "
                       f"SELECT g.id, o.rowid, CASE o.kind {numbers} ELSE {len(KINDS)} END "
                       f'FROM "{GuestRow._meta.table_name}" AS g LEFT JOIN "{OrganizationRow._meta.table_name}" '
                       f"AS o ON o.id = g.organization_id WHERE g.id NOT IN ({unconfirmed})",
                       [*KINDS, *unconfirmed_params])
        rows = db.execute_sql(_kind_matrix_sql(len(kinds), day is not None),
                              [day.isoformat()] if day else []).fetchall()
    finally:
        db.execute_sql(f"DROP TABLE IF EXISTS temp.{_GUEST_KINDS}")
    result = []
    for low_kind, *per_kind, same in rows:
        same = same or 0  # contacts within one organization, part of the low kind's own column
        for high_kind, n in enumerate(per_kind):
            n = (n or 0) - (same if high_kind == low_kind else 0)
            if n:
                result.append((kinds[low_kind], kinds[high_kind], False, n))
        if same:
            result.append((kinds[low_kind], kinds[low_kind], True, same))
    return result


_GUEST_KINDS = "analytics_guest_kind"


def _kind_matrix_sql(kind_count: int, one_day: bool) -> str:
    """Per low guest's kind: contacts by the other guest's kind, and how many within one organization."""
    per_kind = ", ".join(f"SUM(h.kind = {k}) AS k{k}" for k in range(kind_count))
    contacts = ('FROM "contact_row" AS c '
                f"JOIN {_GUEST_KINDS} AS l ON l.id = c.guest_low_id "
                f"JOIN {_GUEST_KINDS} AS h ON h.id = c.guest_high_id")
    if one_day:
        return f"SELECT l.kind, {per_kind}, SUM(l.org = h.org) {contacts} WHERE c.day = ? GROUP BY l.kind"
    totals = ", ".join(f"SUM(k{k})" for k in range(kind_count))
    return (f"SELECT kind, {totals}, SUM(same) FROM (SELECT MIN(l.kind) AS kind, {per_kind}, "
            f"SUM(l.org = h.org) AS same {contacts} GROUP BY c.guest_low_id) GROUP BY kind")


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _as_datetime(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _quarter_start(hour_text: str, quarter: int) -> datetime:
    return datetime.fromisoformat(hour_text).replace(minute=15 * quarter, tzinfo=timezone.utc)
