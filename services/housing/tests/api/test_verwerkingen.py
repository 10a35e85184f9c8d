"""The processing log through housing's API: candidates' data read and written, refusals, a log that fails."""

from typing import Any

from sqlalchemy import func, select

from housing.adapters.orm import Aanbod
from housing.tests_support import INTAKE_SOURCE, consent, deliver, ready_to_leave
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.processing_log import TRACE_ID, TRACEPARENT, log_rows, subject_of, unwritable_log

from .conftest import unit

CORP = ("woningcorporatie", "dewoonplaats")
ZWOLLE = ("gemeente", "GM0193")


async def _proposal(housing: RunningService, auth: Any) -> tuple[str, dict[str, Any]]:
    event = ready_to_leave()
    await deliver(housing, event)
    await deliver(housing, consent(event, ontvanger_id=CORP[1]), INTAKE_SOURCE)  # the offer may reach the corporation
    await housing.client.post("/v1/woningen", json=unit(), headers=auth(*CORP))
    assert (await housing.client.post("/v1/matchingrondes", headers=auth())).status_code == 201
    [voorstel] = (await housing.client.get("/v1/voorstellen", headers=auth(*ZWOLLE))).json()
    return str(event.client_id), voorstel


async def test_reads_writes_and_refusals_are_logged(housing: RunningService, auth: Any) -> None:
    client_id, voorstel = await _proposal(housing, auth)
    subject = subject_of(housing, client_id)
    assert [
        r["handeling"]
        for r in await log_rows(housing, betrokkene=subject, verwerkingsactiviteit="woning-matchen", organisatie_id="GM0193")
    ] == ["lezen"]

    headers = {**auth(*ZWOLLE, subject="consulent-3"), **TRACEPARENT}
    aanbod = await housing.client.post("/v1/aanbiedingen", json={"voorstelId": voorstel["id"]}, headers=headers)
    assert aanbod.status_code == 201, aanbod.text
    [created] = await log_rows(housing, betrokkene=subject, handeling="aanmaken", verwerkingsactiviteit="woning-aanbieden")
    assert (created["actor"], created["resultaat"], created["trace_id"]) == ("consulent-3", "gelukt", TRACE_ID)
    assert created["route"] == "/v1/aanbiedingen" and created["dienst"] == "housing"

    assert (await housing.client.get(f"/v1/kandidaten/{voorstel['kandidaatId']}", headers=auth(*CORP))).status_code == 403
    refused = await log_rows(housing, organisatie_id="dewoonplaats", resultaat="geweigerd")
    assert [(r["betrokkene"], r["route"]) for r in refused] == [(subject, "/v1/kandidaten/{kandidaatId}")]


async def test_a_write_whose_log_cannot_be_written_fails_and_leaves_nothing(housing: RunningService, auth: Any) -> None:
    _, voorstel = await _proposal(housing, auth)
    async with unwritable_log(housing):
        response = await housing.client.post("/v1/aanbiedingen", json={"voorstelId": voorstel["id"]}, headers=auth(*ZWOLLE))
    assert response.status_code == 503, response.text
    async with housing.container.engine.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(Aanbod))).scalar_one() == 0
