"""Erasure through the HTTP API and the retention job: the data key is destroyed, nothing personal is left."""

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from intake.adapters.orm import Base, Persoon, Wissing
from intake.service_layer.retention import erase_expired
from intake.tests_support import outbox_events
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.privacy import personal_data_in

from .conftest import report

BSN = "111222333"
PERSON = {"bsn": BSN, "voornaam": "Fenna", "achternaam": "Wisselink", "geboortedatum": "1983-02-17"}
NOTES = ("Slaapt achter het station", "Zus in Deventer wil helpen", "Verhuisd naar Kampen")
NEEDLES = (BSN, "Fenna", "Wisselink", "1983-02-17", *NOTES)


async def journey_with_free_text(intake: RunningService, ct: dict[str, str]) -> dict[str, Any]:
    melding = (await intake.client.post("/v1/meldingen", json=report(persoon=PERSON, toelichting=NOTES[0]), headers=ct)).json()
    onderzoek = await intake.client.post(
        "/v1/onderzoeken", json={"meldingId": melding["id"], "metPsychiater": False, "notities": NOTES[1]}, headers=ct
    )
    assert onderzoek.status_code == 201, onderzoek.text
    changed = await intake.client.put(
        f"/v1/trajecten/{melding['trajectId']}/verantwoordelijke-gemeente",
        json={"gemeente": "GM0166", "reden": NOTES[2]},
        headers=ct,
    )
    assert changed.status_code == 200 and changed.json()["reden"] == NOTES[2]
    return melding  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def test_free_text_and_personal_data_are_sealed_with_the_persons_key(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await journey_with_free_text(intake, ct)
    assert await personal_data_in(intake.container.engine, Base.metadata, NEEDLES) == []  # nothing in the clear
    shown = await intake.client.get(f"/v1/meldingen/{melding['id']}", headers=ct)
    assert shown.json()["toelichting"] == NOTES[0]
    listed = await intake.client.get("/v1/meldingen", headers=ct)
    assert [m["toelichting"] for m in listed.json()] == [NOTES[0]]
    persoon = (await intake.client.get(f"/v1/personen/{melding['persoonId']}", headers=ct)).json()
    assert (persoon["bsn"], persoon["achternaam"], persoon["geboortedatum"]) == (BSN, "Wisselink", "1983-02-17")


async def test_an_erasure_request_shreds_the_key_blanks_the_text_and_tells_the_other_services(
    intake: RunningService, auth: Any
) -> None:
    ct = auth()
    melding = await journey_with_free_text(intake, ct)
    body = {"persoonId": melding["persoonId"], "grondslag": "avg-17-1-a"}
    erased = await intake.client.post("/v1/wisverzoeken", json=body, headers=ct)
    assert erased.status_code == 201, erased.text
    record = erased.json()
    assert record["aanleiding"] == "verzoek" and record["verzochtDoor"] == "CT-IJSSEL-VECHT"
    assert record["trajectIds"] == [melding["trajectId"]]

    async with intake.container.sessionmaker() as session:
        persoon = await session.get(Persoon, melding["persoonId"])
        assert persoon is not None and persoon.sleutel_versleuteld is None and persoon.bsn_index is None
        assert persoon.naam_index is None and persoon.gewist_op is not None
    assert await personal_data_in(intake.container.engine, Base.metadata, NEEDLES) == []
    shown = (await intake.client.get(f"/v1/personen/{melding['persoonId']}", headers=ct)).json()
    assert (shown["bsn"], shown["voornaam"], shown["achternaam"], shown["geboortedatum"]) == (None, None, None, None)
    assert (await intake.client.get(f"/v1/meldingen/{melding['id']}", headers=ct)).json()["toelichting"] is None

    event = (await outbox_events(intake))[-1]
    assert event["type"] == "nl.opvangketen.intake.persoon-gewist.v1"
    assert event["data"]["clientId"] == melding["persoonId"] and event["data"]["trajectIds"] == [melding["trajectId"]]
    assert event["subject"] == melding["persoonId"]

    again = await intake.client.post("/v1/wisverzoeken", json=body, headers=ct)
    assert again.status_code == 200 and again.json() == record  # harmless: the earlier record, no second event
    assert [e["type"] for e in await outbox_events(intake)].count("nl.opvangketen.intake.persoon-gewist.v1") == 1
    assert (await intake.client.get(f"/v1/wisverzoeken/{record['id']}", headers=ct)).json() == record

    # Free text can no longer be recorded about the erased person (409, not a 500); facts still can.
    closing = await intake.client.post(
        "/v1/verwijzingen", json={"meldingId": melding["id"], "naarOrganisatie": "GM0160", "toelichting": "nog iets"}, headers=ct
    )
    assert closing.status_code == 409, closing.text
    referral = await intake.client.post(
        "/v1/verwijzingen", json={"meldingId": melding["id"], "naarOrganisatie": "GM0160"}, headers=ct
    )
    assert referral.status_code == 201, referral.text

    # The same person reported again is a new person: nothing links them to the erased one.
    new = (await intake.client.post("/v1/meldingen", json=report(persoon=PERSON), headers=ct)).json()
    assert new["persoonId"] != melding["persoonId"] and new["herhaalmelding"] is False


async def test_only_the_central_access_point_of_the_persons_region_erases(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = (await intake.client.post("/v1/meldingen", json=report(persoon=PERSON), headers=ct)).json()
    body = {"persoonId": melding["persoonId"], "grondslag": "avg-17-1-c"}
    for who in (
        auth("gemeente", "GM0193"),
        auth("zorgaanbieder", "leger-des-heils"),
        auth("centrale-toegang", "CT-MIDDEN-IJSSEL"),
    ):
        assert (await intake.client.post("/v1/wisverzoeken", json=body, headers=who)).status_code == 403
    bad = await intake.client.post("/v1/wisverzoeken", json={"persoonId": "nee", "grondslag": "zomaar"}, headers=ct)
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"persoonId", "grondslag"}
    unknown = {"persoonId": "00000000-0000-4000-8000-000000000000", "grondslag": "avg-17-1-a"}
    assert (await intake.client.post("/v1/wisverzoeken", json=unknown, headers=ct)).status_code == 404
    async with intake.container.sessionmaker() as session:
        assert (await session.scalars(select(Wissing))).all() == []


async def test_the_retention_job_erases_only_what_has_expired(intake: RunningService, auth: Any) -> None:
    ct = auth()
    closed = (await intake.client.post("/v1/meldingen", json=report(persoon=PERSON), headers=ct)).json()
    assert (
        await intake.client.post(f"/v1/meldingen/{closed['id']}/afsluiting", json={"redenCode": "persoon-vertrokken"}, headers=ct)
    ).status_code == 200
    still_open = (await intake.client.post("/v1/meldingen", json=report(persoon={"bsn": "123456782"}), headers=ct)).json()
    settings = intake.container.settings
    periods = settings.retention_periods()  # type: ignore[attr-defined]  # the fixture's settings are IntakeSettings
    now = intake.container.extras["context"].clock()

    assert await erase_expired(intake.container.uow, periods, now) == []  # two years have not passed
    later = now + timedelta(days=settings.retention_report_without_follow_up_days + 1)  # type: ignore[attr-defined]  # the fixture's settings are IntakeSettings
    erased = await erase_expired(intake.container.uow, periods, later)
    assert [(str(p), k.value) for p, k in erased] == [(closed["persoonId"], "melding-zonder-vervolg")]
    assert await erase_expired(intake.container.uow, periods, later) == []  # done once
    async with intake.container.sessionmaker() as session:
        wissing = await session.scalar(select(Wissing))
        assert wissing is not None and wissing.aanleiding == "bewaartermijn"
        assert wissing.grondslag == "bewaartermijn:melding-zonder-vervolg"
        assert (await session.get(Persoon, still_open["persoonId"])).sleutel_versleuteld is not None  # type: ignore[union-attr]  # the row exists: the test created it
    assert await personal_data_in(intake.container.engine, Base.metadata, NEEDLES) == []
