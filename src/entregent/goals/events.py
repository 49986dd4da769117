"""Event yield for the goals and insights pages: the selectors live with events
(entregent.encounters.yields); they are re-exported here where the insights look for them."""

from entregent.encounters.yields import (
    EventYield,
    SizeBand,
    YieldGroup,
    YieldSummary,
    event_yield,
    event_yield_by_kind_and_size,
    event_yields,
)

__all__ = [
    "EventYield",
    "SizeBand",
    "YieldGroup",
    "YieldSummary",
    "event_yield",
    "event_yield_by_kind_and_size",
    "event_yields",
]
