"""raadpleegVerwerkingen with the role the matrix's principals lack (so its rows there are 403 throughout).

In every service a data protection officer (role `functionaris-gegevensbescherming`) reads the processing log of a
client their own organisation processed, and sees only their organisation's rows; another organisation's officer,
whose organisation never touched the client, gets 200 with an empty list. Without the role: 403 (the matrix).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import pytest

from housing.tests_support import deliver as deliver_to_housing
from housing.tests_support import ready_to_leave
from journey_platform.testing.plugin import RunningService
from placement.tests_support import deliver as deliver_to_placement
from placement.tests_support import report as placement_report
from reporting.tests_support import Client, feed

from .matrix import PRINCIPALS
from .test_matrix_intake import report_body
from .test_matrix_placement import facility

DPO = ["functionaris-gegevensbescherming"]
Processing = Callable[[RunningService, Any, tuple[str, str]], Awaitable[str]]


async def ok(response: Any) -> Any:
    assert response.status_code in (200, 201), response.text
    return response.json()


async def intake_report(service: RunningService, auth: Any, who: tuple[str, str]) -> str:
    """A report registered by `who`: answers the person's id."""
    return str(
        (await ok(await service.client.post("/v1/meldingen", json=report_body("GM0193"), headers=auth(*who))))["persoonId"]
    )


async def placement_admission(service: RunningService, auth: Any, who: tuple[str, str]) -> str:
    """A client of intake's report, admitted to a shelter by `who`: answers the client's id."""
    melding = placement_report()
    await deliver_to_placement(service, melding)
    shelter = await ok(
        await service.client.post(
            "/v1/voorzieningen", headers=auth(*who), json=facility("De Herberg", "acute-opvang", "leger-des-heils", "GM0193")
        )
    )
    body = {"trajectId": str(melding.traject_id), "voorzieningId": shelter["id"]}
    await ok(await service.client.post("/v1/opnames", json=body, headers=auth(*who)))
    return str(melding.client_id)


async def housing_candidate(service: RunningService, auth: Any, who: tuple[str, str]) -> str:
    """A client ready to leave, whose candidacy `who` reads: answers the client's id."""
    event = ready_to_leave(verantwoordelijke_gemeente="GM0193", gemeente_van_herkomst="GM0193", regio="ijssel-vecht")
    await deliver_to_housing(service, event)
    [kandidaat] = [
        k
        for k in await ok(await service.client.get("/v1/kandidaten", headers=auth(*who)))
        if k["clientId"] == str(event.client_id)
    ]
    await ok(await service.client.get(f"/v1/kandidaten/{kandidaat['id']}", headers=auth(*who)))
    return str(event.client_id)


async def reporting_journey(service: RunningService, auth: Any, who: tuple[str, str]) -> str:
    """A journey in Zwolle that `who` reads: answers the client's id."""
    client = Client("GM0193", herkomst="GM0193")
    await feed(service.container, [client.melding(date(2026, 10, 1))])
    await ok(await service.client.get(f"/v1/trajecten/{client.traject_id}", headers=auth(*who)))
    return str(client.client_id)


# service: (what the own organisation does with a client's data, the own organisation, another that never touched it)
CASES: dict[str, tuple[Processing, str, str]] = {
    "intake": (intake_report, "gm-own", "gm-other"),
    "placement": (placement_admission, "ct-own", "zb-with"),
    "housing": (housing_candidate, "gm-own", "wc-with"),
    "reporting": (reporting_journey, "ct-own", "ct-other"),
}


@pytest.mark.parametrize("service_name", list(CASES))
async def test_an_officer_reads_only_their_own_organisations_processing(service_name: str, start_service: Any, auth: Any) -> None:
    service: RunningService = await start_service(service_name)
    process, own, other = CASES[service_name]
    client_id = await process(service, auth, PRINCIPALS[own])
    path = f"/v1/verwerkingen?betrokkene={client_id}"

    assert (await service.client.get(path, headers=auth(*PRINCIPALS[own]))).status_code == 403  # no role
    entries = await ok(await service.client.get(path, headers=auth(*PRINCIPALS[own], roles=DPO)))
    assert entries, f"{service_name}: no processing logged for {own}"
    assert {(e["organisatieType"], e["organisatieId"], e["dienst"]) for e in entries} == {(*PRINCIPALS[own], service_name)}
    assert await ok(await service.client.get(path, headers=auth(*PRINCIPALS[other], roles=DPO))) == []
    unknown = f"/v1/verwerkingen?betrokkene={uuid.uuid4()}"
    assert await ok(await service.client.get(unknown, headers=auth(*PRINCIPALS[own], roles=DPO))) == []
