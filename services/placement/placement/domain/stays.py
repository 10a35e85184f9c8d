"""The rules of a stay in a shelter or sheltered housing, in the words of DOMAIN.md. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from journey_platform.dutch_calendar import NL as NL  # re-exported: the one Dutch calendar

# The acute shelter: at most 8 weeks of "bed, bath, bread" (configurable per region).
ACUTE_STAY_TYPES = frozenset({"acute-opvang"})
# Short stays that do not replace the client's current place or support (Bed & Break, time-out).
TIME_OUT_TYPES = frozenset({"bed-en-break"})
# Sheltered housing: the places the central waiting list fills.
SHELTERED_HOUSING_TYPES = frozenset({"beschermd-wonen", "beschut-wonen"})


@dataclass(frozen=True)
class StayRules:
    """The configurable numbers of a stay; the defaults are the seeds' own where they give one."""

    # The acute maximum is the region's setting (regions.yaml `acuteStayMaxWeeks`); this one applies only where
    # an operator overrides it (PLACEMENT_ACUTE_STAY_MAX_WEEKS) or the facility lies in no region served here.
    acute_max_weeks: int = 8
    acute_max_weeks_override: bool = False
    warning_days: int = 7
    # Days after admission by which each checklist item should be arranged: ID first, because income
    # and health insurance need it.
    checklist_due_days: dict[str, int] = field(
        default_factory=lambda: {"identiteitsbewijs": 14, "zorgverzekering": 28, "inkomen": 42}
    )
    time_out_days: int = 7
    check_in_interval_days: int = 91


def local_day(moment: datetime) -> date:
    return moment.astimezone(NL).date()


def is_acute_stay(facility_type: str) -> bool:
    return facility_type in ACUTE_STAY_TYPES


def is_time_out(facility_type: str, requested: bool) -> bool:
    return requested or facility_type in TIME_OUT_TYPES


def acute_stay_maximum(admitted_on: date, rules: StayRules, regional_weeks: int | None = None) -> date:
    weeks = rules.acute_max_weeks if rules.acute_max_weeks_override or regional_weeks is None else regional_weeks
    return admitted_on + timedelta(weeks=weeks)


def checklist_due_dates(admitted_on: date, rules: StayRules) -> dict[str, date]:
    return {item: admitted_on + timedelta(days=days) for item, days in rules.checklist_due_days.items()}


def done_on_time(due: date, done_on: date) -> bool:
    return done_on <= due


class StaySignal:
    NONE = "geen"
    APPROACHING = "nadert"
    PASSED = "overschreden"


def stay_signal(maximum: date, today: date, warning_days: int) -> str:
    """Nearing the maximum when `warning_days` or fewer remain; passed the day after the maximum."""
    left = (maximum - today).days
    if left < 0:
        return StaySignal.PASSED
    if left <= warning_days:
        return StaySignal.APPROACHING
    return StaySignal.NONE


def short_stay_has_ended(ends_at: datetime | None, now: datetime) -> bool:
    """An out-of-region short stay ends at its end moment (noon on day three) unless extended."""
    return ends_at is not None and now >= ends_at


def short_stay_end(admitted_at: datetime, nights: int, checkout: time) -> datetime:
    """The out-of-region short stay counts from the admission: `nights` nights, leaving at `checkout` (Dutch
    time) on the next day. IJssel-Vecht: admitted on day 1 (any hour), out at noon on day 3."""
    return datetime.combine(local_day(admitted_at) + timedelta(days=nights), checkout, tzinfo=NL)


# Why the short-stay limit stopped applying to a client (DOMAIN.md "Access rules": only people from outside the
# region get the short stay; a grant or a responsible municipality inside the region makes them the region's).
LIFTED_BY_GRANT = "toekenning"
LIFTED_BY_RESPONSIBILITY = "verantwoordelijke-gemeente-in-regio"


def short_stay_lifted_by(granted: str | None, responsible_region: str | None, short_stay_region: str | None) -> str | None:
    """`granted`: the provision central access granted (mo, beschermd-wonen, beschut-wonen) or None."""
    if granted is not None:
        return f"{LIFTED_BY_GRANT}-{granted}"
    if responsible_region is not None and responsible_region == short_stay_region:
        return LIFTED_BY_RESPONSIBILITY
    return None


def time_out_ends(admitted_at: datetime, rules: StayRules) -> datetime:
    return admitted_at + timedelta(days=rules.time_out_days)


def length_of_stay_days(admitted_at: datetime, left_at: datetime) -> int:
    return max(0, (local_day(left_at) - local_day(admitted_at)).days)


def returned_to_origin(origin: str | None, destination_municipality: str | None) -> bool | None:
    """Unknown unless both the municipality of origin and the one the client went to are known."""
    if origin is None or destination_municipality is None:
        return None
    return origin == destination_municipality


def housing_preferences(preferred: list[str]) -> list[str]:
    """The client's own wishes in the client's order (seed 000 §5: what the resident needs is the starting point).
    The municipality of origin is not put first: housing weighs it only where the client states no wish, asks for
    it, or the plan says so."""
    return list(dict.fromkeys(preferred))
