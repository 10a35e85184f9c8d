"""Schema versions and upcasting: an event written under an older version is read as the newest.

Every contract states its schema version (`version`, the `.v<N>` that ends its CloudEvents type). A new
version of a contract is a new class with `version = N + 1` (the old class may then go), plus an upcaster
registered here that turns the `data` of version N into that of version N + 1. A reader calls `read` or
`upcast`: whatever version an event was written in, it gets the newest contract's data, upcast one
version at a time (as pyeventsourcing does). Stored histories stay as they were received.

    @upcaster("intake", "melding-geregistreerd", from_version=1)
    def _v1_to_v2(data: Data) -> Data:
        return {**data, "kanaal": "onbekend"}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journey_platform.contracts.base import TYPE_PREFIX, EventContract, contract_for, newest_of_family, registry

Data = dict[str, Any]
Upcaster = Callable[[Data], Data]

_UPCASTERS: dict[tuple[str, str, int], Upcaster] = {}


class UnreadableVersion(LookupError):
    """An event of a version no upcaster leads from, or newer than any contract this code knows."""


def parse_type(event_type: str) -> tuple[str, str, int]:
    """`nl.opvangketen.intake.melding-geregistreerd.v1` → (`intake`, `melding-geregistreerd`, 1)."""
    prefix, producer, name, version = event_type.rsplit(".", 3)
    if prefix != TYPE_PREFIX or not version.startswith("v") or not version[1:].isdigit():
        raise UnreadableVersion(f"not an event type of this platform: {event_type}")
    return producer, name, int(version[1:])


def upcaster(producer: str, name: str, *, from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Decorator: registers the step from `from_version` to `from_version + 1` of one contract."""

    def add(step: Upcaster) -> Upcaster:
        key = (producer, name, from_version)
        if key in _UPCASTERS:
            raise ValueError(f"an upcaster from {producer}.{name}.v{from_version} is registered twice")
        _UPCASTERS[key] = step
        return step

    return add


def remove_upcaster(producer: str, name: str, *, from_version: int) -> None:
    """Removes a step again (tests that add a version of their own)."""
    _UPCASTERS.pop((producer, name, from_version), None)


def newest_contract(event_type: str) -> type[EventContract] | None:
    """The newest registered contract of the event's family (same producer and name), or None."""
    try:
        producer, name, _ = parse_type(event_type)
    except (ValueError, UnreadableVersion):
        return None
    return newest_of_family(producer, name)


def upcast(event_type: str, data: Data) -> tuple[str, Data]:
    """The event's type and data as the newest version of its contract; an unknown family is returned as is."""
    newest = newest_contract(event_type)
    if newest is None:
        return event_type, data
    producer, name, version = parse_type(event_type)
    if version > newest.version:
        raise UnreadableVersion(f"{event_type} is newer than the newest contract known here ({newest.event_type()})")
    while version < newest.version:
        step = _UPCASTERS.get((producer, name, version))
        if step is None:
            raise UnreadableVersion(f"no upcaster from {producer}.{name}.v{version} towards {newest.event_type()}")
        data = step(dict(data))
        version += 1
    return newest.event_type(), data


def read(event_type: str, data: Data) -> tuple[type[EventContract], EventContract] | None:
    """The newest contract and the event's payload validated against it; None for a type no contract knows."""
    newest_type, newest_data = upcast(event_type, data)
    contract = contract_for(newest_type)
    if contract is None:
        return None
    return contract, contract.model_validate(newest_data)


def readable_types() -> dict[str, type[EventContract]]:
    """Every type a reader can read, with the contract it is read as: the newest version of each contract, and
    each older version (registered or not) from which upcasters lead to it."""
    readable: dict[str, type[EventContract]] = {}
    families = {(c.producer, c.name, c.version) for c in registry().values()} | set(_UPCASTERS)
    for producer, name, version in families:
        newest = newest_of_family(producer, name)
        if newest is None or version > newest.version:
            continue
        if all((producer, name, v) in _UPCASTERS for v in range(version, newest.version)):
            readable[f"{TYPE_PREFIX}.{producer}.{name}.v{version}"] = newest
    return readable
