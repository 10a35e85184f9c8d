"""The processing log through placement's API: an admission written, stays read (every one), a refusal,
a log that cannot be written, and the subject access request."""

from typing import Any

from sqlalchemy import func, select

from journey_platform.testing.plugin import RunningService
from journey_platform.testing.processing_log import TRACE_ID, TRACEPARENT, log_rows, subject_of, unwritable_log
from placement.adapters.orm import Verblijf, messaging

from .conftest import CT, admit, new_client, new_facility

DPO = ["functionaris-gegevensbescherming"]


async def test_an_admission_and_the_stays_read_are_logged(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth, capaciteitPlaatsen=5)
    clients = [await new_client(placement) for _ in range(3)]
    body = {"trajectId": str(clients[0].traject_id), "voorzieningId": herberg["id"]}
    admitted = await placement.client.post("/v1/opnames", json=body, headers={**auth(*CT, subject="intaker-9"), **TRACEPARENT})
    assert admitted.status_code == 201, admitted.text
    [row] = await log_rows(placement, betrokkene=subject_of(placement, str(clients[0].client_id)), handeling="aanmaken")
    assert (row["actor"], row["organisatie_id"], row["verwerkingsactiviteit"]) == (
        "intaker-9",
        "CT-IJSSEL-VECHT",
        "opvang-plaatsen",
    )
    assert (row["resultaat"], row["route"], row["trace_id"]) == ("gelukt", "/v1/opnames", TRACE_ID)
    assert "Wmo 2015" in row["grondslag"]

    for client in clients[1:]:
        await admit(placement, auth, client, herberg)
    listed = await placement.client.get("/v1/verblijven", headers=auth(*CT))
    assert len(listed.json()) == 3
    reads = await log_rows(placement, route="/v1/verblijven", handeling="lezen")
    assert sorted(r["betrokkene"] for r in reads) == sorted(subject_of(placement, str(c.client_id)) for c in clients)
    assert {r["verwerkingsactiviteit"] for r in reads} == {"verblijf-begeleiden"}


async def test_a_refused_read_is_logged_and_an_unwritable_log_fails_the_request(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await new_client(placement)
    stay = (await admit(placement, auth, client, herberg)).json()
    assert (await placement.client.get(f"/v1/verblijven/{stay['id']}", headers=auth("gemeente", "GM0166"))).status_code == 403
    [refused] = await log_rows(placement, organisatie_id="GM0166")
    assert (refused["betrokkene"], refused["resultaat"]) == (subject_of(placement, str(client.client_id)), "geweigerd")

    other = await new_client(placement)
    async with unwritable_log(placement):
        read = await placement.client.get(f"/v1/verblijven/{stay['id']}", headers=auth(*CT))
        write = await admit(placement, auth, other, herberg)
    assert read.status_code == write.status_code == 503
    assert str(client.client_id) not in read.text
    async with placement.container.engine.connect() as conn:
        stays = (await conn.execute(select(func.count()).select_from(Verblijf))).scalar_one()
        events = (await conn.execute(select(func.count()).select_from(messaging.outbox))).scalar_one()
    assert stays == 1 and events == 1 + 1  # the first admission and its event only (plus the facility's event)


async def test_subject_access_shows_the_own_organisation_only(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await new_client(placement)
    await admit(placement, auth, client, herberg)
    path = f"/v1/verwerkingen?betrokkene={client.client_id}"
    assert (await placement.client.get(path, headers=auth(*CT))).status_code == 403
    entries = (await placement.client.get(path, headers=auth(*CT, roles=DPO))).json()
    # The admission read the journey and created the stay: both are processing of the client's data.
    assert sorted((e["verwerkingsactiviteit"], e["handeling"], e["dienst"]) for e in entries) == [
        ("opvang-plaatsen", "aanmaken", "placement"),
        ("opvang-plaatsen", "lezen", "placement"),
    ]
    assert (await placement.client.get(path, headers=auth("zorgaanbieder", "leger-des-heils", roles=DPO))).json() == []
