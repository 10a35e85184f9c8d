"""The processing log through reporting's API: journeys read (each one in a list), refusals, a log that
cannot be written, the subject access request. Reporting writes personal data only from its consumer."""

from datetime import date
from typing import Any

from journey_platform.testing.plugin import RunningService
from journey_platform.testing.processing_log import TRACE_ID, TRACEPARENT, log_rows, subject_of, unwritable_log
from reporting.tests_support import Client, feed

D = date(2025, 3, 1)

CT = ("centrale-toegang", "CT-MIDDEN-IJSSEL")
DPO = ["functionaris-gegevensbescherming"]


async def test_journey_reads_are_logged_one_row_per_client(reporting: RunningService, auth: Any) -> None:
    clients = [Client("GM0150") for _ in range(3)]
    for c in clients:
        await feed(reporting.container, [c.melding(D)])
    one = await reporting.client.get(
        f"/v1/trajecten/{clients[0].traject_id}", headers={**auth(*CT, subject="analist-2"), **TRACEPARENT}
    )
    assert one.status_code == 200, one.text
    [row] = await log_rows(reporting, route="/v1/trajecten/{trajectId}")
    assert row["betrokkene"] == subject_of(reporting, str(clients[0].client_id))
    assert (row["actor"], row["verwerkingsactiviteit"], row["handeling"], row["resultaat"]) == (
        "analist-2",
        "traject-volgen",
        "lezen",
        "gelukt",
    )
    assert row["trace_id"] == TRACE_ID

    assert len((await reporting.client.get("/v1/trajecten", headers=auth(*CT))).json()) == 3
    listed = await log_rows(reporting, route="/v1/trajecten")
    assert sorted(r["betrokkene"] for r in listed) == sorted(subject_of(reporting, str(c.client_id)) for c in clients)


async def test_refused_reads_and_an_unwritable_log(reporting: RunningService, auth: Any) -> None:
    c = Client("GM0150")
    await feed(reporting.container, [c.melding(D)])
    path = f"/v1/trajecten/{c.traject_id}"
    assert (await reporting.client.get(path, headers=auth("gemeente", "GM0193"))).status_code == 403
    [refused] = await log_rows(reporting, organisatie_id="GM0193")
    assert (refused["betrokkene"], refused["resultaat"]) == (subject_of(reporting, str(c.client_id)), "geweigerd")

    async with unwritable_log(reporting):
        response = await reporting.client.get(path, headers=auth(*CT))
    assert response.status_code == 503 and str(c.traject_id) not in response.text


async def test_subject_access_in_reporting(reporting: RunningService, auth: Any) -> None:
    c = Client("GM0150")
    await feed(reporting.container, [c.melding(D)])
    await reporting.client.get(f"/v1/trajecten/{c.traject_id}", headers=auth(*CT))
    path = f"/v1/verwerkingen?betrokkene={c.client_id}"
    assert (await reporting.client.get(path, headers=auth("gemeente", "GM0150"))).status_code == 403
    entries = (await reporting.client.get(path, headers=auth(*CT, roles=DPO))).json()
    assert [(e["verwerkingsactiviteit"], e["route"]) for e in entries] == [("traject-volgen", "/v1/trajecten/{trajectId}")]
    assert (await reporting.client.get(path, headers=auth("gemeente", "GM0150", roles=DPO))).json() == []
