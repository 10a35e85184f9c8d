"""The processing log through intake's API: who read or wrote whose data, why, and with what outcome."""

from typing import Any

from sqlalchemy import func, select

from intake.adapters.orm import Melding, Persoon, messaging
from journey_platform.testing.observability import metric_value
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.processing_log import TRACE_ID, TRACEPARENT, log_rows, subject_of, unwritable_log

from .conftest import report

DPO = ["functionaris-gegevensbescherming"]


async def test_a_report_logs_who_created_whose_data_why_in_which_trace(intake: RunningService, auth: Any) -> None:
    headers = {**auth("gemeente", "GM0193", subject="medewerker-17"), **TRACEPARENT}
    created = (await intake.client.post("/v1/meldingen", json=report(), headers=headers)).json()
    rows = await log_rows(intake, betrokkene=subject_of(intake, created["persoonId"]), handeling="aanmaken")
    assert len(rows) == 1
    row = rows[0]
    assert (row["actor"], row["organisatie_type"], row["organisatie_id"]) == ("medewerker-17", "gemeente", "GM0193")
    assert row["verwerkingsactiviteit"] == "melding-registreren"
    assert "Wmo 2015" in row["grondslag"] and row["doel"]
    assert (row["resultaat"], row["methode"], row["route"]) == ("gelukt", "POST", "/v1/meldingen")
    assert row["trace_id"] == TRACE_ID and row["dienst"] == "intake"
    assert row["span_id"] and row["parent_span_id"] and row["span_id"] != row["parent_span_id"]
    assert row["betrokkene"] != created["persoonId"]  # only the pseudonym is stored
    assert metric_value((await intake.client.get("/metrics")).text, "opvangketen_processing_log_rows_written_total") == 1


async def test_a_list_read_logs_every_subject_it_returns(intake: RunningService, auth: Any) -> None:
    ct = auth()
    people = [
        (
            await intake.client.post(
                "/v1/meldingen",
                json=report(persoon={"achternaam": f"Visser{i}", "geboortedatum": "1975-02-0" + str(i)}),
                headers=ct,
            )
        ).json()["persoonId"]
        for i in range(1, 4)
    ]
    listed = await intake.client.get("/v1/meldingen", headers=ct)
    assert len(listed.json()) == 3
    reads = await log_rows(intake, verwerkingsactiviteit="melding-behandelen", handeling="lezen")
    assert sorted(r["betrokkene"] for r in reads) == sorted(subject_of(intake, p) for p in people)
    assert {r["route"] for r in reads} == {"/v1/meldingen"}


async def test_a_refused_read_is_logged_as_refused(intake: RunningService, auth: Any) -> None:
    created = (await intake.client.post("/v1/meldingen", json=report(), headers=auth())).json()
    other_region = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")
    assert (await intake.client.get(f"/v1/personen/{created['persoonId']}", headers=other_region)).status_code == 403
    rows = await log_rows(intake, organisatie_id="CT-MIDDEN-IJSSEL")
    assert [(r["betrokkene"], r["resultaat"], r["verwerkingsactiviteit"]) for r in rows] == [
        (subject_of(intake, created["persoonId"]), "geweigerd", "persoon-inzien")
    ]


async def test_a_write_whose_log_cannot_be_written_fails_and_leaves_nothing(intake: RunningService, auth: Any) -> None:
    await intake.client.get("/v1/meldingen", headers=auth())  # nothing to log: no personal data read
    assert metric_value((await intake.client.get("/metrics")).text, "opvangketen_processing_log_write_failures_total") == 0
    async with unwritable_log(intake):
        response = await intake.client.post("/v1/meldingen", json=report(), headers=auth())
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    async with intake.container.engine.connect() as conn:
        for table in (Melding.__table__, Persoon.__table__, messaging.outbox):
            assert (await conn.execute(select(func.count()).select_from(table))).scalar_one() == 0
    # The change's transaction failed, and so did the attempt to log the failed request.
    assert metric_value((await intake.client.get("/metrics")).text, "opvangketen_processing_log_write_failures_total") == 2


async def test_a_read_whose_log_cannot_be_written_fails_and_shows_nothing(intake: RunningService, auth: Any) -> None:
    created = (await intake.client.post("/v1/meldingen", json=report(persoon={"bsn": "111222333"}), headers=auth())).json()
    async with unwritable_log(intake):
        person = await intake.client.get(f"/v1/personen/{created['persoonId']}", headers=auth())
        listed = await intake.client.get("/v1/meldingen", headers=auth())
    for response in (person, listed):
        assert response.status_code == 503
        assert response.json()["status"] == 503
        assert "111222333" not in response.text and created["persoonId"] not in response.text
    assert (await intake.client.get(f"/v1/personen/{created['persoonId']}", headers=auth())).json()["bsn"] == "111222333"


async def test_subject_access_for_the_data_protection_officer_only(intake: RunningService, auth: Any) -> None:
    created = (await intake.client.post("/v1/meldingen", json=report(), headers=auth())).json()
    await intake.client.get(f"/v1/personen/{created['persoonId']}", headers=auth())
    path = f"/v1/verwerkingen?betrokkene={created['persoonId']}"

    assert (await intake.client.get(path, headers=auth())).status_code == 403  # a case worker
    own = await intake.client.get(path, headers=auth(roles=DPO))
    assert own.status_code == 200, own.text
    entries = own.json()
    assert [(e["verwerkingsactiviteit"], e["handeling"]) for e in entries] == [
        ("melding-registreren", "aanmaken"),
        ("persoon-inzien", "lezen"),
    ]
    assert entries[0]["organisatieId"] == "CT-IJSSEL-VECHT" and entries[0]["route"] == "/v1/meldingen"
    # Another organisation's officer sees only what that organisation did: nothing here.
    assert (await intake.client.get(path, headers=auth("gemeente", "GM0166", roles=DPO))).json() == []
    # The question itself is in the log.
    asked = await log_rows(intake, verwerkingsactiviteit="inzageverzoek-afhandelen")
    assert [r["betrokkene"] for r in asked] == [subject_of(intake, created["persoonId"])] * 2
    bad = await intake.client.get("/v1/verwerkingen?betrokkene=niet-een-uuid", headers=auth(roles=DPO))
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "betrokkene"


async def test_closing_a_report_logs_a_change_and_the_read_before_it(intake: RunningService, auth: Any) -> None:
    created = (await intake.client.post("/v1/meldingen", json=report(), headers=auth())).json()
    closed = await intake.client.post(
        f"/v1/meldingen/{created['id']}/afsluiting", json={"redenCode": "persoon-vertrokken"}, headers=auth()
    )
    assert closed.status_code == 200, closed.text
    rows = await log_rows(intake, route="/v1/meldingen/{meldingId}/afsluiting")
    assert sorted((r["handeling"], r["resultaat"]) for r in rows) == [("lezen", "gelukt"), ("wijzigen", "gelukt")]
    assert {r["betrokkene"] for r in rows} == {subject_of(intake, created["persoonId"])}
    gone = await intake.client.get(f"/v1/meldingen/{'0' * 8}-0000-4000-8000-{'0' * 12}", headers=auth())
    assert gone.status_code == 404 and await log_rows(intake, resultaat="niet-gevonden") == []  # names no one
