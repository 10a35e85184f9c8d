"""The central waiting list for BW and beschut wonen: priority, waiting time, the next suitable client."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar
from uuid import UUID


class Criterium(StrEnum):
    """What may order the list; the region configures the order."""

    urgentie = "urgentie"
    overgang_jeugdzorg = "overgang-jeugdzorg"
    besluitdatum = "besluitdatum"


DEFAULT_ORDER: tuple[Criterium, ...] = (Criterium.urgentie, Criterium.overgang_jeugdzorg, Criterium.besluitdatum)


@dataclass(frozen=True)
class Candidate:
    id: UUID
    decided_on: date
    joined_at: datetime
    urgent: bool
    youth_care_transition: bool


def sort_key(candidate: Candidate, order: Sequence[Criterium]) -> tuple[object, ...]:
    """Earlier in the tuple weighs more; flags sort True first; ties go to who joined first."""
    parts: list[object] = []
    for criterium in order:
        if criterium is Criterium.urgentie:
            parts.append(not candidate.urgent)
        elif criterium is Criterium.overgang_jeugdzorg:
            parts.append(not candidate.youth_care_transition)
        else:
            parts.append(candidate.decided_on)
    return (*parts, candidate.joined_at, str(candidate.id))


def priority_class(urgent: bool, youth_care_transition: bool, order: Sequence[Criterium]) -> int:
    """1 is the highest class: the position of the first flag criterium that applies, in the configured order;
    clients without a flag share the lowest class."""
    flags = [c for c in order if c is not Criterium.besluitdatum]
    for rank, criterium in enumerate(flags, start=1):
        if (criterium is Criterium.urgentie and urgent) or (criterium is Criterium.overgang_jeugdzorg and youth_care_transition):
            return rank
    return len(flags) + 1


T = TypeVar("T")


def ordered(items: Iterable[T], as_candidate: Callable[[T], Candidate], order: Sequence[Criterium]) -> list[T]:
    return sorted(items, key=lambda item: sort_key(as_candidate(item), order))


def next_suitable(
    items: Iterable[T], as_candidate: Callable[[T], Candidate], fits: Callable[[T], bool], order: Sequence[Criterium]
) -> T | None:
    """The first client in priority order for whom the free place is suitable."""
    return next((item for item in ordered(items, as_candidate, order) if fits(item)), None)


def waiting_days(since: date, today: date) -> int:
    return max(0, (today - since).days)
