"""Aftercare (nazorg) rules: the follow-up schedule, when a follow-up is on time or overdue, and which outcomes are a
relapse signal. Pure functions on Dutch dates (docs/aftercare.md).

Seed 000 §3: "nazorg"; seed 003 appendix 2: two thirds of relapses are preventable, so the local team keeps in touch
after the move and acts on the first signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from journey_platform.contracts.housing import Aandachtspunt, NazorgUitkomst, TerugvalSignaal
from journey_platform.dutch_calendar import add_months, dutch_date
from journey_platform.reference import Aftercare

# What the local team watches unless the move-in names fewer: all four (issue 17).
DEFAULT_WATCH: tuple[Aandachtspunt, ...] = tuple(Aandachtspunt)
# The agreed contact person when the move-in names none: the receiving local team itself, in this role.
DEFAULT_ROLE = "lokaal-team"
# A follow-up with one of these outcomes is itself a relapse signal.
RELAPSE_OUTCOMES: dict[NazorgUitkomst, TerugvalSignaal] = {
    NazorgUitkomst.terugvalrisico: TerugvalSignaal.terugvalrisico,
    NazorgUitkomst.contact_verloren: TerugvalSignaal.contact_verloren,
}


@dataclass(frozen=True)
class FollowUp:
    """One scheduled follow-up: number `volgnummer` (1, 2, ...), `maanden` after the move, due on `gepland_op`, on
    time up to and including `uiterlijk_op`."""

    volgnummer: int
    maanden: int
    gepland_op: date
    uiterlijk_op: date


def schedule(moved: datetime, rules: Aftercare) -> list[FollowUp]:
    """The follow-ups after a move on `moved`: N calendar months after the Dutch date of the move (the month's last day
    where that day does not exist: moved 31 January → due 28/29 February), each on time `graceDays` Dutch days on."""
    start = dutch_date(moved)
    out = []
    for number, months in enumerate(rules.follow_up_months, start=1):
        due = add_months(start, months)
        out.append(FollowUp(number, months, due, due + timedelta(days=rules.grace_days)))
    return out


def on_time(contact: datetime, latest: date) -> bool:
    """A follow-up recorded on or before its last day (Dutch date of the contact) is on time; an early one too."""
    return dutch_date(contact) <= latest


def overdue(latest: date, today: date, recorded: bool) -> bool:
    """Not recorded and its last day has passed (the day after `uiterlijk_op` it is overdue)."""
    return not recorded and today > latest


def relapse_signal(outcome: NazorgUitkomst) -> TerugvalSignaal | None:
    return RELAPSE_OUTCOMES.get(outcome)
