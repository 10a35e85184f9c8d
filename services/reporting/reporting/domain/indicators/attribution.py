"""What a stored event says about where it counts, for the indicator read models (issue 18 item 1).

An indicator for a municipality or region can only count a journey whose events name one of the scope's
municipalities somewhere (reported, responsible, origin, stay, waiting list, home, aftercare), or a facility
that lies in it (a move after a provider's failure takes the new facility's municipality), or whose client also
has such a journey (returns, and relapse after a loss of housing, look across a client's journeys). So every
municipality code an event's payload names, and the facility it names, are kept per journey, and a scope's request
loads only those journeys' facts. The set only grows, whatever the order the events arrive in: a late event adds
to it and never takes anything away, so the answer as of any reference date stays that of the full history.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from journey_platform.contracts import versions
from journey_platform.contracts.base import TYPE_PREFIX, registry
from reporting.domain.indicators.history import moment_of
from reporting.domain.journey import event_name
from reporting.domain.journey_state import MUNICIPALITY_EVENTS

MUNICIPALITY = "gemeente"
FACILITY = "voorziening"
# The events the indicator functions read (`Snapshot.named`, derive_stays, Snapshot.facilities/wait_entries);
# tests/unit/test_indicator_events.py fails when an indicator asks for one that is not here.
READ_BY_INDICATORS = frozenset(
    {
        "aangemeld-op-wachtlijst",
        "beschikking-afgegeven",
        "capaciteit-gewijzigd",
        "checklist-item-afgerond",
        "client-verhuisd-bij-aanbiederuitval",
        "kandidaat-aangemeld",
        "kort-verblijf-toegekend",
        "melding-afgesloten",
        "melding-geregistreerd",
        "nazorgcontact-vastgelegd",
        "nazorgplan-opgesteld",
        "opname-geregistreerd",
        "ondersteuningsplan-vastgesteld",
        "opname-geweigerd",
        "plaatsing-gerealiseerd",
        "preventiezaak-geopend",
        "terugvalsignaal-gemeld",
        "uitgestroomd",
        "uitstroomgereed-verklaard",
        "verhuisd",
        "voorziening-geregistreerd",
        "wachtlijst-verlaten",
    }
)
_CBS_CODE = re.compile(r"^GM\d{4}$")
_FACILITY_KEY = re.compile(r"[vV]oorzieningId$")  # voorzieningId, vanVoorzieningId, naarVoorzieningId


def moment(event_type: str, data: dict[str, Any], recorded: datetime) -> datetime:
    """The stored event's moment as the indicators count it (read as the newest version of its contract)."""
    newest_type, newest_data = versions.upcast(event_type, data)
    return moment_of(event_name(newest_type), newest_data, recorded)


def attribution(event_type: str, data: dict[str, Any]) -> set[tuple[str, str]]:
    """(kind, value) pairs: every municipality code the payload names, at any depth, and every facility it names."""
    return attribution_of(data, versions.upcast(event_type, data)[1])


def attribution_of(data: dict[str, Any], newest: dict[str, Any]) -> set[tuple[str, str]]:
    """`attribution` of a payload as stored and as read as the newest version of its contract (often the same)."""
    found: set[tuple[str, str]] = set()
    for payload in (data,) if newest is data else (data, newest):
        for key, value in payload.items():
            if isinstance(value, str):
                if value.startswith("GM") and _CBS_CODE.match(value):
                    found.add((MUNICIPALITY, value))
            elif isinstance(value, dict | list):
                _walk(value, found)
            if value and "oorzieningId" in key and _FACILITY_KEY.search(key):
                found.add((FACILITY, str(value)))
    return found


def _walk(value: Any, found: set[tuple[str, str]]) -> None:
    pending = [value]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if value.startswith("GM") and _CBS_CODE.match(value):
                found.add((MUNICIPALITY, value))
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)


def indicator_event_types() -> list[str]:
    """Every stored event type (each schema version) an indicator can depend on: the ones the functions read, and
    the ones that set the journey's municipalities in the fold (municipality_of, origin_of)."""
    names = READ_BY_INDICATORS | MUNICIPALITY_EVENTS
    found: set[str] = set()
    for contract in registry().values():
        if contract.name in names or "gemeente_van_herkomst" in contract.model_fields:
            found.update(f"{TYPE_PREFIX}.{contract.producer}.{contract.name}.v{v}" for v in range(1, contract.version + 1))
    return sorted(found)
