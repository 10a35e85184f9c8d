"""A contract version that exists only during a test: registered with its upcasters, and removed again after.

`OnderzoekGestartV2` is such a version (it exists in no service): the v1 screening event plus the kind of
organisation that screened, which its upcaster derives from the v1 data.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

from journey_platform.contracts.base import EventContract, register, unregister
from journey_platform.contracts.intake import OnderzoekGestart
from journey_platform.contracts.versions import Data, Upcaster, remove_upcaster, upcaster


@contextmanager
def contract_version(contract: type[EventContract], upcasters: dict[int, Upcaster]) -> Iterator[type[EventContract]]:
    """Registers `contract` (a new version of an existing one) and its upcasters keyed by the version they start from."""
    register(contract)
    for from_version, step in upcasters.items():
        upcaster(contract.producer, contract.name, from_version=from_version)(step)
    try:
        yield contract
    finally:
        for from_version in upcasters:
            remove_upcaster(contract.producer, contract.name, from_version=from_version)
        unregister(contract)


class OnderzoekGestartV2(OnderzoekGestart):
    """Test-only v2 of `onderzoek-gestart`: adds `uitvoerderType`, the kind of organisation that screens."""

    version: ClassVar[int] = 2
    uitvoerder_type: str


def onderzoek_gestart_v1_to_v2(data: Data) -> Data:
    """A municipality (GM code) screens as the local team; anyone else is central access."""
    kind = "lokale-toegang" if str(data["uitgevoerdDoor"]).startswith("GM") else "centrale-toegang"
    return {**data, "uitvoerderType": kind}


@contextmanager
def onderzoek_gestart_v2() -> Iterator[type[EventContract]]:
    with contract_version(OnderzoekGestartV2, {1: onderzoek_gestart_v1_to_v2}) as contract:
        yield contract
