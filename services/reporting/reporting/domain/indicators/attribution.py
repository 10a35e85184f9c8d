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
from reporting.domain.indicators.history import moment_of
from reporting.domain.journey import event_name

MUNICIPALITY = "gemeente"
FACILITY = "voorziening"
_CBS_CODE = re.compile(r"^GM\d{4}$")
_FACILITY_KEY = re.compile(r"[vV]oorzieningId$")  # voorzieningId, vanVoorzieningId, naarVoorzieningId


def moment(event_type: str, data: dict[str, Any], recorded: datetime) -> datetime:
    """The stored event's moment as the indicators count it (read as the newest version of its contract)."""
    newest_type, newest_data = versions.upcast(event_type, data)
    return moment_of(event_name(newest_type), newest_data, recorded)


def attribution(event_type: str, data: dict[str, Any]) -> set[tuple[str, str]]:
    """(kind, value) pairs: every municipality code the payload names, at any depth, and every facility it names."""
    found: set[tuple[str, str]] = set()
    for payload in (data, versions.upcast(event_type, data)[1]):
        _walk(payload, found)
        found.update((FACILITY, str(v)) for k, v in payload.items() if v and _FACILITY_KEY.search(k))
    return found


def _walk(value: Any, found: set[tuple[str, str]]) -> None:
    if isinstance(value, str):
        if _CBS_CODE.match(value):
            found.add((MUNICIPALITY, value))
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, found)
    elif isinstance(value, list):
        for item in value:
            _walk(item, found)
