"""Property tests for round plans: plans and re-plans, round starts, tablemates' ticks and erasures at
random kiosks, synced in any order (cut short, subsets, duplicated, reversed, bundles): every kiosk ends
with the same rounds, starts, ticks and contacts, and they are what the rules say.

- a round that has started keeps the seating of its earliest start (started_at, then stamp);
  every other round is the latest plan's (highest stamp);
- ticks are a grow-only set; a pair that ticked each other has one contact, source "rounds", made at
  the later tick, the same id everywhere;
- an erased guest's seats, ticks and contacts are gone everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

from hypothesis import example, given, note
from hypothesis import strategies as st
from sync_support import (EVENT_DAYS, ExampleWorld, ForgetOp, Kiosk, SyncOp, berlin, converged_dump,
                          kiosk_pool, last_change, property_settings, sync_all, sync_ops)

from kiosk.core.programme import Session, SessionKind
from kiosk.core.round_plans import RoundsError, rounds_contact_id
from kiosk.services.programme import ProgrammeDesk
from kiosk.services.rounds import PlanOptions, RoundsDesk

POOL_IDS = ("NT-0001", "NT-0002", "NT-0003", "NT-0005", "NT-0006", "NT-0007")
SESSION_ID = "5e5510a0-0000-4000-8000-0000000000aa"
DUMPED = {
    "round_plan_row": ("session_id", "kind", "table_size", "remainder", "rounds", "minutes", "source",
                       "details", "stamp", "device_id", "created_at"),
    "round_seat_row": ("session_id", "round_no", "guest_id", "table_no", "label"),
    "round_start_row": ("session_id", "round_no", "started_at", "stamp", "device_id"),
    "round_tick_row": ("session_id", "from_guest_id", "to_guest_id", "at", "day", "stamp", "device_id"),
    "contact_row": ("id", "guest_low_id", "guest_high_id", "day", "at", "device_id", "created_at", "source"),
}


@dataclass(frozen=True)
class PlanOp:
    kiosk: int
    table_size: int
    seed: int


@dataclass(frozen=True)
class StartOp:
    kiosk: int
    minute: int


@dataclass(frozen=True)
class TickOp:
    kiosk: int
    guest: int
    mate: int  # which of the guest's tablemates (modulo how many there are)
    minute: int


@dataclass(frozen=True)
class TickBackOp:
    kiosk: int
    tick: int  # answers this earlier tick (modulo how many there are)


kiosk_index = st.integers(0, 3)
guest_index = st.integers(0, len(POOL_IDS) - 1)
work = st.one_of(
    st.builds(PlanOp, kiosk_index, st.sampled_from([2, 3]), st.integers(0, 3)),
    st.builds(StartOp, kiosk_index, st.integers(0, 40)),
    st.builds(StartOp, kiosk_index, st.integers(0, 40)),
    st.builds(TickOp, kiosk_index, guest_index, st.integers(0, 5), st.integers(0, 59)),
    st.builds(TickBackOp, kiosk_index, st.integers(0, 20)),
    st.builds(ForgetOp, kiosk_index, guest_index),
)
operations = st.one_of(work, work, sync_ops(kiosk_index))


@dataclass
class Model:
    plan: tuple[str, dict] | None = None  # (stamp, payload) of the latest plan
    starts: dict[int, tuple[str, str, list]] = field(default_factory=dict)  # round -> (started_at, stamp, seating)
    ticks: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (from, to) -> (at, day)
    erased: set[str] = field(default_factory=set)

    def expected_seats(self) -> list[tuple]:
        rounds = dict(enumerate(self.plan[1]["seating"], start=1)) if self.plan else {}
        rounds.update({n: seating for n, (_, _, seating) in self.starts.items()})
        return sorted((SESSION_ID, n, guest, table_no, table["label"]) for n, tables in rounds.items()
                      for table_no, table in enumerate(tables) for guest in table["guests"] if guest not in self.erased)

    def expected_contacts(self) -> list[tuple]:
        found = set()
        for (a, b), (at, day) in self.ticks.items():
            if (b, a) in self.ticks and not {a, b} & self.erased:
                later = max((at, day), self.ticks[(b, a)])
                low, high = sorted((a, b))
                found.add((rounds_contact_id(SESSION_ID, a, b), low, high, later[1], later[0], "rounds"))
        return sorted(found)


class World(ExampleWorld):
    def __init__(self, directory: Path, kiosks: list[Kiosk]) -> None:
        super().__init__(directory, kiosks, POOL_IDS, Model())
        self.tick_list: list[tuple[str, str]] = []
        first = kiosks[0]
        first.clock.set(berlin(EVENT_DAYS[0], 12, 55))
        programme = ProgrammeDesk(first.desk)
        programme.save(Session(SESSION_ID, EVENT_DAYS[0], time(13), time(14), "Speed-Networking", "", "Galerie",
                               SessionKind.SPEED_NETWORKING))
        for guest in self.pool:
            programme.attend_guest(SESSION_ID, guest)
        sync_all([k.store for k in kiosks])

    def do_PlanOp(self, op: PlanOp) -> None:
        kiosk = self.kiosk(op.kiosk)
        kiosk.clock.set(berlin(EVENT_DAYS[0], 12, 58))
        try:
            RoundsDesk(kiosk.desk).plan(SESSION_ID, PlanOptions(table_size=op.table_size, rounds=3, time_limit=0.2,
                                                                seed=op.seed))
        except RoundsError:
            return  # every round has started there
        change = last_change(kiosk.store)
        assert change.kind == "round_plan"
        if self.model.plan is None or change.stamp > self.model.plan[0]:
            self.model.plan = (change.stamp, change.payload)

    def do_StartOp(self, op: StartOp) -> None:
        kiosk = self.kiosk(op.kiosk)
        kiosk.clock.set(berlin(EVENT_DAYS[0], 13, op.minute))
        try:
            outcome = RoundsDesk(kiosk.desk).start_round(SESSION_ID)
        except RoundsError:
            return  # no plan there yet, or every round started
        change = last_change(kiosk.store)
        assert change.kind == "round_start" and not outcome.already
        p = change.payload
        known = self.model.starts.get(p["round"])
        if known is None or (p["started_at"], change.stamp) < known[:2]:
            self.model.starts[p["round"]] = (p["started_at"], change.stamp, p["seating"])

    def _tick(self, kiosk: Kiosk, guest_id: str, mate_id: str) -> None:
        try:
            outcome = RoundsDesk(kiosk.desk).tick(SESSION_ID, guest_id, [mate_id])
        except RoundsError:
            return  # not (yet) tablemates at this kiosk
        if outcome.ticked:
            change = last_change(kiosk.store)
            assert change.kind == "round_tick"
            self.model.ticks.setdefault((guest_id, mate_id), (change.payload["at"], change.payload["day"]))
            self.tick_list.append((guest_id, mate_id))

    def do_TickOp(self, op: TickOp) -> None:
        kiosk, guest = self.kiosk(op.kiosk), self.pool[op.guest]
        if guest.id in self.model.erased or kiosk.store.guest(guest.id) is None:
            return
        kiosk.clock.set(berlin(EVENT_DAYS[0], 14, op.minute))
        try:
            mates = RoundsDesk(kiosk.desk).tablemates(SESSION_ID, guest.id)
        except RoundsError:
            return
        if mates:
            self._tick(kiosk, guest.id, mates[op.mate % len(mates)].guest_id)

    def do_TickBackOp(self, op: TickBackOp) -> None:
        if not self.tick_list:
            return
        a, b = self.tick_list[op.tick % len(self.tick_list)]
        kiosk = self.kiosk(op.kiosk)
        if b not in self.model.erased and kiosk.store.guest(b) is not None:
            kiosk.clock.advance(minutes=1)
            self._tick(kiosk, b, a)


def check_everything(world: World) -> None:
    model = world.model
    first_dump = converged_dump(world.kiosks, DUMPED)
    assert sorted(first_dump["round_seat_row"]) == model.expected_seats()
    assert sorted((n, at) for _, n, at, _, _ in first_dump["round_start_row"]) == sorted(
        (n, at) for n, (at, _, _) in model.starts.items())
    expected_ticks = {k for k in model.ticks if not set(k) & model.erased}
    assert {(a, b) for _, a, b, *_ in first_dump["round_tick_row"]} == expected_ticks
    contacts = sorted((i, low, high, day, at, source) for i, low, high, day, at, _, _, source
                      in first_dump["contact_row"] if source == "rounds")
    assert contacts == model.expected_contacts()


@property_settings(max_examples=30)
@given(count=st.integers(2, 4), ops=st.lists(operations, min_size=8, max_size=25))
# Two kiosks start round 1 of one plan before they sync: the earlier start stands on both.
@example(count=2, ops=[PlanOp(0, 2, 0), SyncOp(0, 1, "all", 0), StartOp(1, 3), StartOp(0, 1),
                       SyncOp(1, 0, "all", 0), SyncOp(0, 1, "all", 0), TickOp(0, 0, 0, 5), TickBackOp(1, 0)])
# A re-plan races a start at another kiosk: the started round keeps the seating it started with.
@example(count=2, ops=[PlanOp(0, 3, 0), SyncOp(0, 1, "all", 0), StartOp(1, 0), PlanOp(0, 2, 1),
                       SyncOp(0, 1, "reversed", 0), SyncOp(1, 0, "bundle", 0), TickOp(1, 1, 1, 9),
                       TickBackOp(0, 0), SyncOp(0, 1, "subset", 3)])
# The two ticks of a pair at two kiosks, then one of them erased where the contact is not known yet.
@example(count=3, ops=[PlanOp(0, 2, 0), StartOp(0, 0), SyncOp(0, 1, "all", 0), SyncOp(0, 2, "all", 0),
                       TickOp(1, 0, 0, 2), TickBackOp(2, 0), ForgetOp(0, 0), SyncOp(2, 1, "all", 0)])
def test_round_plans_starts_and_ticks_converge_whatever_the_order_of_syncs(count, ops):
    with kiosk_pool("kiosk-rounds-convergence-", count) as (directory, kiosks):
        world = World(directory, kiosks)
        rounds = world.run_all(ops)
        note(f"converged after {rounds} rounds; {len(world.model.starts)} starts, {len(world.model.ticks)} ticks")
        check_everything(world)
