"""Speed-networking rounds, quiz teams and contacts from the rounds (issue 15, parts 3-5).

    rounds = RoundsDesk(desk)
    view = rounds.plan(session_id, PlanOptions(table_size=4, minutes=8))   # the guests present now
    rounds.start_round(session_id)                                        # staff: the next round
    rounds.tables_of(session_id, guest_id)                                # a guest's tables
    rounds.tick(session_id, guest_id, [mate_id, ...])                     # contacts from the rounds
    teams = rounds.quiz_teams(session_id, team_size=5)

desk.py holds the use cases, planning.py the way from the guests present to a plan, views.py what
they answer, display.py the big screen's round source.
"""

from kiosk.core.round_plans import PlanKind, PlanSource, RoundsError, RoundsRefusal

from .desk import RoundsDesk
from .planning import PlanOptions
from .views import GuestRound, GuestTables, Mate, PlanView, RoundView, Seat, StartOutcome, TableView, TickOutcome

# English message ids (German: assets/i18n/de/rounds.json), for tr(ROUNDS_REFUSAL_MESSAGES[error.code]).
ROUNDS_REFUSAL_MESSAGES = {
    RoundsRefusal.UNKNOWN_SESSION: "There is no such session.",
    RoundsRefusal.NO_PLAN: "The rounds of this session have not been planned yet.",
    RoundsRefusal.NOBODY_TO_PLAN: "At least two guests must be present to plan rounds.",
    RoundsRefusal.ALL_ROUNDS_STARTED: "Every round has started already.",
    RoundsRefusal.INVALID_PLAN: "These rounds cannot be planned. Please check the settings.",
    RoundsRefusal.UNKNOWN_ROUND: "There is no such round.",
    RoundsRefusal.ROUND_OUT_OF_ORDER: "Please start the rounds in order.",
    RoundsRefusal.NOT_SEATED: "You have no seat in these rounds.",
    RoundsRefusal.NOT_TABLEMATE: "Only people who shared your table can be ticked.",
    RoundsRefusal.CONSENT_DECLINED: "You do not take part in contact exchange.",
}

__all__ = ["GuestRound", "GuestTables", "Mate", "PlanKind", "PlanOptions", "PlanSource", "PlanView",
           "ROUNDS_REFUSAL_MESSAGES", "RoundView", "RoundsDesk", "RoundsError", "RoundsRefusal", "Seat",
           "StartOutcome", "TableView", "TickOutcome"]
