from typing import Any

import pytest

from journey_platform.testing.plugin import RunningService
from placement.tests_support import deliver, report

CT = ("centrale-toegang", "CT-IJSSEL-VECHT")


@pytest.fixture
async def placement(start_service: Any) -> RunningService:
    service: RunningService = await start_service("placement")
    return service


def facility_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "naam": "De Herberg",
        "type": "acute-opvang",
        "zorgaanbieder": "leger-des-heils",
        "gemeente": "GM0193",
        "capaciteitPlaatsen": 2,
        "eenpersoonskamers": 1,
        "veiligVoor": [],
        "huisdierenToegestaan": False,
    }
    body.update(overrides)
    return body


async def new_facility(placement: RunningService, auth: Any, **overrides: Any) -> dict[str, Any]:
    response = await placement.client.post("/v1/voorzieningen", json=facility_body(**overrides), headers=auth(*CT))
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def new_client(placement: RunningService, **kwargs: Any) -> Any:
    melding = report(**kwargs)
    await deliver(placement, melding)
    return melding


async def admit(placement: RunningService, auth: Any, melding: Any, facility: dict[str, Any], **extra: Any) -> Any:
    body = {"trajectId": str(melding.traject_id), "voorzieningId": facility["id"], **extra}
    return await placement.client.post("/v1/opnames", json=body, headers=auth(*CT))
