"""Contract versions: each contract states its version, and an older version is read as the newest."""

from typing import Any
from uuid import uuid4

import pytest
from pydantic import ValidationError

from journey_platform.contracts.base import contract_for, registry
from journey_platform.contracts.intake import OnderzoekGestart
from journey_platform.contracts.versions import UnreadableVersion, newest_contract, read, readable_types, upcast
from journey_platform.testing.versions import OnderzoekGestartV2, contract_version, onderzoek_gestart_v2

V1 = "nl.opvangketen.intake.onderzoek-gestart.v1"
V2 = "nl.opvangketen.intake.onderzoek-gestart.v2"


def v1_data() -> dict[str, Any]:
    return {
        "trajectId": str(uuid4()),
        "clientId": str(uuid4()),
        "onderzoekId": str(uuid4()),
        "meldingId": str(uuid4()),
        "uitgevoerdDoor": "GM0193",
        "metPsychiater": False,
    }


def test_every_contract_states_its_version_in_its_type() -> None:
    for event_type, contract in registry().items():
        assert "version" in vars(contract), contract.__name__
        assert event_type.endswith(f".v{contract.version}")


def test_without_a_newer_version_an_event_reads_as_it_is() -> None:
    data = v1_data()
    assert upcast(V1, data) == (V1, data)
    contract, payload = read(V1, data) or (None, None)
    assert contract is OnderzoekGestart and isinstance(payload, OnderzoekGestart)
    assert read("nl.opvangketen.intake.bestaat-niet.v1", {}) is None


def test_a_v1_event_is_read_as_v2_through_its_upcaster() -> None:
    data = v1_data()
    with onderzoek_gestart_v2():
        assert newest_contract(V1) is OnderzoekGestartV2
        newest_type, newest_data = upcast(V1, data)
        assert newest_type == V2 and newest_data == {**data, "uitvoerderType": "lokale-toegang"}
        contract, payload = read(V1, data) or (None, None)
        assert contract is OnderzoekGestartV2 and isinstance(payload, OnderzoekGestartV2)
        assert payload.uitvoerder_type == "lokale-toegang"
        assert readable_types()[V1] is OnderzoekGestartV2 and readable_types()[V2] is OnderzoekGestartV2
    assert contract_for(V2) is None and newest_contract(V1) is OnderzoekGestart  # gone after the test


def test_without_its_upcaster_an_old_version_is_unreadable() -> None:
    with contract_version(OnderzoekGestartV2, {}):
        with pytest.raises(UnreadableVersion):
            upcast(V1, v1_data())
        assert V1 not in readable_types()
        with pytest.raises(ValidationError):  # v1 data lacks what v2 requires: the upcaster is what makes it readable
            OnderzoekGestartV2.model_validate(v1_data())


def test_a_version_newer_than_the_code_knows_is_unreadable() -> None:
    with pytest.raises(UnreadableVersion):
        upcast(V2, v1_data())
