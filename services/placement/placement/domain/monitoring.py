"""Trajectory monitoring (trajectbewaking): periodic check-ins with due dates and outcomes, while the client is in care.

Seed 003 §4.3.1: central access "voert trajectbewaking uit, wat wil zeggen dat mensen die middels een beschikking van de
Centrale Toegang beschermd wonen, periodiek wordt gevraagd hoe het met ze gaat". The asking ends when the client no
longer lives there: an open check-in is closed (vervallen, with its reason), never left to fall overdue.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum


class Uitkomst(StrEnum):
    volgens_plan = "volgens-plan"
    bijsturing_nodig = "bijsturing-nodig"
    opschalen = "opschalen"
    afschalen = "afschalen"
    uitstroomgereed = "uitstroomgereed"
    niet_bereikt = "niet-bereikt"


# After these outcomes no next check-in is planned by itself: the journey moves on.
FINAL_OUTCOMES = frozenset({Uitkomst.uitstroomgereed})


class ControleStatus(StrEnum):
    gepland = "gepland"
    uitgevoerd = "uitgevoerd"
    vervallen = "vervallen"  # closed without taking place: the client left care, or the episode ended


class RedenVervallen(StrEnum):
    """Why an open check-in was closed (docs/reason-codes.md)."""

    uitgestroomd = "uitgestroomd"  # the client's last running stay ended by discharge (a move-in, leaving, a short stay)
    traject_afgesloten = "traject-afgesloten"  # intake closed the episode
    persoon_gewist = "persoon-gewist"  # intake erased the person


def status(done: bool, closed: bool) -> ControleStatus:
    if done:
        return ControleStatus.uitgevoerd
    return ControleStatus.vervallen if closed else ControleStatus.gepland


def discharge_ends_monitoring(discharged: bool, stays_still_running: int) -> bool:
    """A discharge with no other stay running ends the client's care here, and so the check-ins. A transfer (also a
    provider failure's move, to a new place or to the waiting list) does not: the decision runs on and the client is
    still asked how it goes (001 §7.2: every transition in support risks interrupting a running trajectory)."""
    return discharged and stays_still_running == 0


def is_overdue(planned: date, done: bool, today: date) -> bool:
    return not done and planned < today


def days_overdue(planned: date, today: date) -> int:
    return max(0, (today - planned).days)


def next_check_in(done_on: date, interval_days: int, outcome: Uitkomst) -> date | None:
    if outcome in FINAL_OUTCOMES:
        return None
    return done_on + timedelta(days=interval_days)
