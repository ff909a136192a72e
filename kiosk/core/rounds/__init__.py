"""Speed-networking rounds: seat the guests present at tables for R rounds so that no pair meets twice,
colleagues do not share a table and earlier contacts are avoided (the social golfer problem, weighted).

    plan = plan_rounds(RoundsRequest(people=ids, rounds=4, table_size=6, orgs=org_of, met=pairs))

model.py holds the request, the plan and the checks; planner.py the translation to numbers; greedy.py
the first seatings; board.py the incremental costs; tabu.py the search; quality.py the figures.
"""

from .model import PlanError, RoundsPlan, RoundsRequest, Weights, table_sizes
from .planner import plan_rounds
from .quality import Quality, measure

__all__ = ["PlanError", "Quality", "RoundsPlan", "RoundsRequest", "Weights", "measure", "plan_rounds",
           "table_sizes"]
