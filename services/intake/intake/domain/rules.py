"""The rules of intake, in the words of DOMAIN.md. Pure functions; no framework, no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from journey_platform.dutch_calendar import NL as NL  # re-exported: the one Dutch calendar

# Wmo 2015: a decision within 8 weeks of the report. The term is a regional setting (regions.yaml
# `decisionTermWeeks`); this is the default.
DECISION_TERM_WEEKS = 8
# Warn the team when this many days (or fewer) remain.
DEADLINE_WARNING_DAYS = 7
# IJssel-Vecht practice: someone from outside the region gets 2 nights / 3 days in the acute shelter
# (regions.yaml `shortStay`; these are the defaults).
SHORT_STAY_NIGHTS = 2
SHORT_STAY_CHECKOUT = time(12, 0)


def decision_deadline(report_date: date, term_weeks: int = DECISION_TERM_WEEKS) -> date:
    return report_date + timedelta(weeks=term_weeks)


def days_left(deadline: date, today: date) -> int:
    return (deadline - today).days


class DeadlineSignal:
    NONE = "geen"
    APPROACHING = "nadert"
    PASSED = "verstreken"


def deadline_signal(deadline: date, today: date) -> str:
    left = days_left(deadline, today)
    if left < 0:
        return DeadlineSignal.PASSED
    if left <= DEADLINE_WARNING_DAYS:
        return DeadlineSignal.APPROACHING
    return DeadlineSignal.NONE


def is_out_of_region(reported_region: str | None, origin_municipality: str | None, origin_region: str | None) -> bool:
    """MO is nationally accessible, but someone whose municipality of origin lies outside the region
    where he or she reports gets only a short stay. Without a known origin there is no evidence."""
    if origin_municipality is None:
        return False
    return origin_region is None or origin_region != reported_region


def short_stay_ends(start: datetime, nights: int = SHORT_STAY_NIGHTS, checkout: time = SHORT_STAY_CHECKOUT) -> datetime:
    """2 nights / 3 days: a stay starting on day 1 ends at noon on day 3 (Dutch days). Intake announces the end
    as if admitted at the report; placement counts it from the actual admission."""
    local_day = start.astimezone(NL).date()
    return datetime.combine(local_day + timedelta(days=nights), checkout, tzinfo=NL)


def responsible_municipality(reported: str, origin: str | None, origin_known: bool) -> str:
    """Woonplaatsbeginsel: the municipality of residence (origin) when it is one we serve,
    otherwise the municipality where the report was made."""
    return origin if origin is not None and origin_known else reported


# Seed 003 §4.1 fn 5: "een nieuwe cliënt is een inwoner die (a) het afgelopen jaar (365 dagen teruggerekend vanaf de
# datum dat de cliënt zich meldt) geen aanvraag heeft gedaan en (b) geen gebruik heeft gemaakt van een
# BW-voorziening in de regio waar hij/zij zich meldt". Both look-backs are regional settings (regions.yaml
# `bwNewClient`); (a) 365 days, (b) unbounded as written.
APPLICATION_LOOKBACK_DAYS = 365


class NewClientGround:
    """Which fact decided the new-client rule."""

    NEW = "geen-aanvraag-en-geen-bw-gebruik"
    APPLICATION = "aanvraag-binnen-terugkijkperiode"  # (a)
    BW_USE = "bw-gebruik-in-regio"  # (b)


@dataclass(frozen=True)
class BwApplication:
    """An earlier BW or beschut wonen application of the person (decided or not): the day the client reported."""

    applied_on: date


@dataclass(frozen=True)
class BwUse:
    """An actual BW or beschut wonen stay (placement's events): its region and its Dutch days."""

    region: str | None
    start: date
    end: date | None  # None: still running


@dataclass(frozen=True)
class NewClientOutcome:
    new: bool
    ground: str
    fact_on: date | None = None  # the day of the deciding application, or the last day of the deciding BW use


def bw_new_client(
    applications: Iterable[BwApplication],
    uses: Iterable[BwUse],
    region: str | None,
    reported_on: date,
    application_lookback_days: int = APPLICATION_LOOKBACK_DAYS,
    use_lookback_days: int | None = None,
) -> NewClientOutcome:
    """(a) no application in the `application_lookback_days` days counted back from `reported_on` (an application
    exactly 365 days before counts; 366 days before does not; one on the same day counts), and (b) no BW use in
    `region` (the region where the client reports) before `reported_on`, within `use_lookback_days` if set.
    `applications` are the person's other applications (not the one being decided)."""
    since = reported_on - timedelta(days=application_lookback_days)
    recent = sorted(a.applied_on for a in applications if since <= a.applied_on <= reported_on)
    if recent:
        return NewClientOutcome(False, NewClientGround.APPLICATION, recent[-1])
    use_since = None if use_lookback_days is None else reported_on - timedelta(days=use_lookback_days)
    used = [
        u
        for u in uses
        if u.region == region and u.start <= reported_on and (use_since is None or u.end is None or u.end >= use_since)
    ]
    if used:
        last = max(min(u.end or reported_on, reported_on) for u in used)
        return NewClientOutcome(False, NewClientGround.BW_USE, last)
    return NewClientOutcome(True, NewClientGround.NEW)
