"""The advisory councils' read-only role: aggregated indicators and experience results of their own municipality
(Participatieraad Zwolle) or region (a regional council), never a journey, person or timeline (403)."""

from datetime import date
from typing import Any

from journey_platform.testing.plugin import RunningService
from reporting.tests_support import Client, feed

ZWOLLE_COUNCIL = ("adviesraad", "PR-GM0193")
REGIONAL_COUNCIL = ("adviesraad", "AR-IJSSEL-VECHT")


async def test_a_municipal_council_sees_its_own_municipalitys_figures_only(reporting: RunningService, auth: Any) -> None:
    c = Client("GM0193")
    await feed(reporting.container, [c.melding(date(2026, 10, 1))])
    headers = auth(*ZWOLLE_COUNCIL)
    get = reporting.client.get
    indicators = await get("/v1/indicatoren", headers=headers)
    assert indicators.status_code == 200 and indicators.json()[0]["gemeente"] == "GM0193"
    assert (await get("/v1/indicatoren/bw-clienten?gemeente=GM0193", headers=headers)).status_code == 200
    assert (await get("/v1/ervaringen", headers=headers)).json()["gemeente"] == "GM0193"
    for elsewhere in ("/v1/ervaringen?gemeente=GM0166", "/v1/ervaringen?regio=ijssel-vecht", "/v1/indicatoren?gemeente=GM0150"):
        assert (await get(elsewhere, headers=headers)).status_code == 403, elsewhere
    for personal in (
        f"/v1/trajecten/{c.traject_id}",
        "/v1/trajecten",
        "/v1/abonnementen",
        f"/v1/verwerkingen?betrokkene={c.client_id}",
    ):
        refused = await get(personal, headers=headers)
        assert refused.status_code == 403 and "advisory council" in refused.json()["detail"], personal
    invite = await reporting.client.post(
        f"/v1/trajecten/{c.traject_id}/ervaringsuitnodigingen", json={"moment": "na-besluit"}, headers=headers
    )
    assert invite.status_code == 403


async def test_a_regional_council_sees_its_region_and_an_unknown_council_no_token(reporting: RunningService, auth: Any) -> None:
    headers = auth(*REGIONAL_COUNCIL)
    region = await reporting.client.get("/v1/ervaringen", headers=headers)
    assert region.status_code == 200 and (region.json()["regio"], region.json()["gemeente"]) == ("ijssel-vecht", None)
    assert (await reporting.client.get("/v1/ervaringen?gemeente=GM0166", headers=headers)).status_code == 200
    assert (await reporting.client.get("/v1/ervaringen?regio=midden-ijssel", headers=headers)).status_code == 403
    unknown = await reporting.client.get("/v1/ervaringen", headers=auth("adviesraad", "AR-ONBEKEND"))
    assert unknown.status_code == 401
