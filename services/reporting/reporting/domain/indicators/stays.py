"""Stays in shelter and BW, derived from placement's admissions, placements, transfers and outflow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from journey_platform.dutch_calendar import dutch_date
from reporting.domain.indicators.history import TIME_OUT_TYPES, Fact, Stay

if TYPE_CHECKING:
    from reporting.domain.indicators.history import Snapshot

_STAY_EVENTS = ("opname-geregistreerd", "plaatsing-gerealiseerd", "uitgestroomd", "client-verhuisd-bij-aanbiederuitval")


class _Stays(dict[str, Stay]):
    """Stays by id, and each journey's stays, so outflow finds its stay without scanning them all; and each stay a
    later one of the same id replaced, with the moment it was replaced (the stay row read model keeps it until then)."""

    def __init__(self) -> None:
        super().__init__()
        self.by_journey: dict[object, list[Stay]] = {}
        self.replaced: list[tuple[Stay, datetime]] = []

    def __setitem__(self, key: str, stay: Stay) -> None:
        if key in self:
            self.replaced.append((self[key], stay.start))
        super().__setitem__(key, stay)
        self.by_journey.setdefault(stay.traject_id, []).append(stay)


def derive_stays(snapshot: Snapshot) -> list[Stay]:
    return list(_derived(snapshot).values())


def derive_stays_and_replaced(snapshot: Snapshot) -> tuple[list[Stay], list[tuple[Stay, datetime]]]:
    """`derive_stays`, and the stays a later one of the same id replaced (with the moment it did)."""
    stays = _derived(snapshot)
    return list(stays.values()), stays.replaced


def _derived(snapshot: Snapshot) -> _Stays:
    stays = _Stays()
    for fact in sorted(snapshot.named(*_STAY_EVENTS), key=lambda f: f.moment):
        if fact.name == "opname-geregistreerd":
            _start(
                stays,
                fact,
                str(fact.data["opnameId"]),
                str(fact.data["voorzieningId"]),
                fact.data["voorzieningType"],
                kort=bool(fact.data.get("kortVerblijfBuitenRegio")),
                time_out=bool(fact.data.get("bedEnBreak")),
            )
        elif fact.name == "plaatsing-gerealiseerd":
            if fact.data.get("overplaatsingVan"):
                _end(stays, fact, stay_id=str(fact.data["overplaatsingVan"]))
            _start(stays, fact, str(fact.data["plaatsingId"]), str(fact.data["voorzieningId"]), fact.data["voorzieningType"])
        elif fact.name == "uitgestroomd":
            _end(stays, fact, stay_id=str(fact.data.get("verblijfId")), facility=str(fact.data.get("voorzieningId")))
        else:
            _move_after_failure(stays, snapshot, fact)
    return stays


def _start(
    stays: _Stays,
    fact: Fact,
    stay_id: str,
    facility: str,
    kind: str,
    kort: bool = False,
    gemeente: str | None = None,
    time_out: bool = False,
) -> None:
    stays[stay_id] = Stay(
        stay_id,
        fact.traject_id,
        fact.client_id,
        facility,
        kind,
        gemeente or fact.data.get("gemeente"),
        fact.moment,
        kort_verblijf=kort,
        time_out=time_out or kind in TIME_OUT_TYPES,
    )


def _end(stays: _Stays, fact: Fact, stay_id: str | None = None, facility: str | None = None) -> Stay | None:
    """Close the named stay; failing that, the journey's open stay at that facility; failing that, its latest open stay."""
    stay = stays.get(stay_id) if stay_id else None
    if stay is None or stay.end is not None:
        open_stays = [s for s in stays.by_journey.get(fact.traject_id, []) if s.end is None]
        stay = next((s for s in open_stays if s.voorziening_id == facility), None) or max(
            open_stays, key=lambda s: s.start, default=None
        )
    if stay is not None:
        stay.end = fact.moment
    return stay


def _move_after_failure(stays: _Stays, snapshot: Snapshot, fact: Fact) -> None:
    old = _end(stays, fact, facility=str(fact.data["vanVoorzieningId"]))
    target = fact.data.get("naarVoorzieningId")
    if target:
        facility = snapshot.facilities.get(str(target), {})
        kind = facility.get("type") or (old.type if old else "beschermd-wonen")
        _start(
            stays,
            fact,
            str(fact.data["operatieId"]) + ":" + str(fact.traject_id),
            str(target),
            kind,
            gemeente=facility.get("gemeente") or (old.gemeente if old else None),
        )


@dataclass
class MoPeriod:
    """One continuous period in MO of one journey (the episode): its MO stays joined where one starts on the day
    the previous ended (a transfer between MO facilities), without Bed & Break/time-out or out-of-region short stays."""

    traject_id: UUID | None
    client_id: str | None
    start: datetime
    end: datetime | None  # None while the last stay is open
    stays: list[Stay]

    def open_at(self, moment: datetime) -> bool:
        return self.start < moment and (self.end is None or self.end >= moment)


def mo_periods(stays: list[Stay]) -> list[MoPeriod]:
    by_journey: dict[UUID | None, list[Stay]] = {}
    for stay in stays:
        if stay.counts_as_mo:
            by_journey.setdefault(stay.traject_id, []).append(stay)
    periods: list[MoPeriod] = []
    for journey_stays in by_journey.values():
        current: MoPeriod | None = None
        for stay in sorted(journey_stays, key=lambda st: st.start):
            joins = current is not None and (current.end is None or dutch_date(stay.start) <= dutch_date(current.end))
            if current is not None and joins:
                current.stays.append(stay)
                current.end = None if current.end is None or stay.end is None else max(current.end, stay.end)
                continue
            current = MoPeriod(stay.traject_id, stay.client_id, stay.start, stay.end, [stay])
            periods.append(current)
    return periods
