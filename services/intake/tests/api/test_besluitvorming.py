"""Screening, decisions, referrals, the responsible municipality, early signals and deadline events."""

from datetime import date, timedelta
from typing import Any

from intake.service_layer.decision_term import signaleer_termijnen
from intake.tests_support import outbox_events
from journey_platform.testing.plugin import RunningService

from .conftest import report

BW = {"besluit": "toekenning", "voorziening": "beschermd-wonen", "soort": "nieuw", "geldigVan": "2026-11-01"}


async def new_report(intake: RunningService, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    response = await intake.client.post("/v1/meldingen", json=report(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def types(intake: RunningService) -> list[str]:
    return [e["type"].split(".")[-2] for e in await outbox_events(intake)]


async def test_screening_then_a_bw_decision_within_the_term(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct, meldDatum="2026-10-01")
    onderzoek = await intake.client.post("/v1/onderzoeken", json={"meldingId": melding["id"], "metPsychiater": True}, headers=ct)
    assert onderzoek.status_code == 201, onderzoek.text
    besluit = await intake.client.post(
        "/v1/beschikkingen", json={"meldingId": melding["id"], **BW, "besluitDatum": "2026-11-20"}, headers=ct
    )
    assert besluit.status_code == 201, besluit.text
    body = besluit.json()
    assert body["binnenTermijn"] is True
    assert body["nieuweClient"] is True
    assert (await intake.client.get(f"/v1/meldingen/{melding['id']}", headers=ct)).json()["status"] == "besloten"
    assert (await intake.client.get(f"/v1/beschikkingen/{body['id']}", headers=ct)).status_code == 200
    assert await types(intake) == ["melding-geregistreerd", "onderzoek-gestart", "beschikking-afgegeven"]
    event = (await outbox_events(intake))[-1]["data"]
    assert event["voorziening"] == "beschermd-wonen" and event["nieuweClient"] is True and "toelichting" not in event


async def test_a_second_bw_application_within_a_year_is_not_a_new_client(intake: RunningService, auth: Any) -> None:
    ct = auth()
    first = await new_report(intake, ct, meldDatum="2026-01-10")
    await intake.client.post(
        "/v1/beschikkingen",
        json={
            "meldingId": first["id"],
            "besluit": "geen-ondersteuning",
            "voorziening": "beschermd-wonen",
            "redenCode": "geen-indicatie",
            "besluitDatum": "2026-02-01",
        },
        headers=ct,
    )
    second = await new_report(intake, ct, meldDatum="2026-10-01")
    decided = await intake.client.post(
        "/v1/beschikkingen", json={"meldingId": second["id"], **BW, "besluitDatum": "2026-10-20"}, headers=ct
    )
    assert decided.json()["nieuweClient"] is False


async def test_late_decision_is_recorded_as_outside_the_term(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct, meldDatum="2026-08-01")
    decided = await intake.client.post(
        "/v1/beschikkingen", json={"meldingId": melding["id"], **BW, "besluitDatum": "2026-10-01"}, headers=ct
    )
    assert decided.json()["binnenTermijn"] is False


async def test_decision_input_is_checked_and_names_the_fields(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct)
    missing = await intake.client.post(
        "/v1/beschikkingen", json={"meldingId": melding["id"], "besluit": "toekenning"}, headers=ct
    )
    assert missing.status_code == 400 and "voorziening" in missing.json()["detail"]
    unknown_kind = await intake.client.post(
        "/v1/beschikkingen", json={"meldingId": "nope", "besluit": "misschien", "geldigVan": "gisteren"}, headers=ct
    )
    assert unknown_kind.status_code == 400
    assert [p["name"] for p in unknown_kind.json()["invalidParams"]] == ["besluit"]
    bad = await intake.client.post("/v1/beschikkingen", json={**BW, "meldingId": "nope", "geldigVan": "gisteren"}, headers=ct)
    assert bad.status_code == 400
    assert {"meldingId", "geldigVan"} <= {p["name"] for p in bad.json()["invalidParams"]}
    no_reason = await intake.client.post(
        "/v1/beschikkingen", json={"meldingId": melding["id"], "besluit": "geen-ondersteuning"}, headers=ct
    )
    assert no_reason.status_code == 400
    unknown = await intake.client.post(
        "/v1/beschikkingen", json={**BW, "meldingId": "00000000-0000-0000-0000-000000000000"}, headers=ct
    )
    assert unknown.status_code == 404


async def test_a_decided_report_cannot_be_decided_again(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct)
    assert (await intake.client.post("/v1/beschikkingen", json={"meldingId": melding["id"], **BW}, headers=ct)).status_code == 201
    again = await intake.client.post("/v1/beschikkingen", json={"meldingId": melding["id"], **BW}, headers=ct)
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")


async def test_only_case_workers_with_access_decide(intake: RunningService, auth: Any) -> None:
    melding = await new_report(intake, auth())
    for headers in (
        auth("zorgaanbieder", "leger-des-heils"),
        auth("gemeente", "GM0150"),
        auth("centrale-toegang", "CT-MIDDEN-IJSSEL"),
    ):
        response = await intake.client.post("/v1/beschikkingen", json={"meldingId": melding["id"], **BW}, headers=headers)
        assert response.status_code == 403, headers


async def test_no_support_closes_the_journey(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct)
    await intake.client.post(
        "/v1/beschikkingen",
        json={"meldingId": melding["id"], "besluit": "geen-ondersteuning", "redenCode": "zelfredzaam"},
        headers=ct,
    )
    traject = await intake.client.get(f"/v1/trajecten/{melding['trajectId']}", headers=ct)
    assert traject.json()["status"] == "gesloten"


async def test_referral_from_local_team_to_central_access_and_back(intake: RunningService, auth: Any) -> None:
    team, ct = auth("gemeente", "GM0193"), auth()
    melding = await new_report(intake, team, gemeenteVanHerkomst=None)
    up = await intake.client.post(
        "/v1/verwijzingen", json={"meldingId": melding["id"], "naarOrganisatie": "CT-IJSSEL-VECHT"}, headers=team
    )
    assert up.status_code == 201, up.text
    # Only the receiving organisation accepts.
    assert (
        await intake.client.post(f"/v1/verwijzingen/{up.json()['id']}/beoordeling", json={"geaccepteerd": True}, headers=team)
    ).status_code == 403
    accepted = await intake.client.post(
        f"/v1/verwijzingen/{up.json()['id']}/beoordeling", json={"geaccepteerd": True}, headers=ct
    )
    assert accepted.json()["status"] == "geaccepteerd"
    down = await intake.client.post(
        "/v1/verwijzingen", json={"meldingId": melding["id"], "naarOrganisatie": "GM0160"}, headers=ct
    )
    assert down.status_code == 201
    # The receiving local team may now see the report it was referred.
    hardenberg = auth("gemeente", "GM0160")
    assert (await intake.client.get(f"/v1/meldingen/{melding['id']}", headers=hardenberg)).status_code == 200
    refused = await intake.client.post(
        f"/v1/verwijzingen/{down.json()['id']}/beoordeling", json={"geaccepteerd": False}, headers=hardenberg
    )
    assert refused.json()["status"] == "afgewezen"
    twice = await intake.client.post(
        f"/v1/verwijzingen/{down.json()['id']}/beoordeling", json={"geaccepteerd": True}, headers=hardenberg
    )
    assert twice.status_code == 409
    assert (await types(intake)).count("verwijzing-beoordeeld") == 2


async def test_referral_to_unknown_or_own_organisation_is_400(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct)
    for target in ("GM9999", "CT-NERGENS", "CT-IJSSEL-VECHT"):
        response = await intake.client.post(
            "/v1/verwijzingen", json={"meldingId": melding["id"], "naarOrganisatie": target}, headers=ct
        )
        assert response.status_code == 400, target
        assert response.json()["invalidParams"][0]["name"] == "naarOrganisatie"


async def test_responsible_municipality_changes_only_with_a_reason(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct, gemeenteVanHerkomst=None)
    url = f"/v1/trajecten/{melding['trajectId']}/verantwoordelijke-gemeente"
    assert (await intake.client.put(url, json={"gemeente": "GM0166"}, headers=ct)).status_code == 400
    changed = await intake.client.put(url, json={"gemeente": "GM0166", "reden": "Woonde tot vorige maand in Kampen"}, headers=ct)
    assert changed.status_code == 200, changed.text
    assert changed.json()["vanGemeente"] == "GM0193" and changed.json()["naarGemeente"] == "GM0166"
    assert (await intake.client.get(f"/v1/meldingen/{melding['id']}", headers=auth("gemeente", "GM0166"))).status_code == 200
    event = (await outbox_events(intake))[-1]
    assert event["type"].endswith("verantwoordelijke-gemeente-gewijzigd.v1") and "Kampen" not in str(event)
    other = await intake.client.put(url, json={"gemeente": "GM0160", "reden": "poging"}, headers=auth("gemeente", "GM0150"))
    assert other.status_code == 403


async def test_early_signal_becomes_a_prevention_case_for_the_local_team(intake: RunningService, auth: Any) -> None:
    corporation = auth("woningcorporatie", "dewoonplaats")
    signal = {
        "gemeente": "GM0193",
        "signaalType": "dreigende-huisuitzetting",
        "huishoudenGrootte": 3,
        "woningNodig": True,
        "huurder": {"achternaam": "Bakker", "geboortedatum": "1975-06-15"},
        "toelichting": "Drie maanden achterstand",
    }
    created = await intake.client.post("/v1/vroegsignalen", json=signal, headers=corporation)
    assert created.status_code == 201, created.text
    zaken = (await intake.client.get("/v1/preventiezaken", headers=auth("gemeente", "GM0193"))).json()
    assert [z["id"] for z in zaken] == [created.json()["id"]]
    assert (await intake.client.get("/v1/preventiezaken", headers=auth("gemeente", "GM0166"))).json() == []
    assert len((await intake.client.get("/v1/preventiezaken", headers=corporation)).json()) == 1
    assert (await intake.client.get("/v1/preventiezaken", headers=auth("woningcorporatie", "andere"))).json() == []
    event = (await outbox_events(intake))[-1]
    assert event["type"].endswith("preventiezaak-geopend.v1") and event["data"]["woningNodig"] is True
    assert "Bakker" not in str(event) and "achterstand" not in str(event)
    provider = await intake.client.post("/v1/vroegsignalen", json=signal, headers=auth("zorgaanbieder", "leger-des-heils"))
    assert provider.status_code == 403


async def test_worklist_orders_open_reports_by_days_left(intake: RunningService, auth: Any) -> None:
    ct = auth()
    today = intake.container.extras["context"].today()  # the service's day (Dutch time), not UTC's
    late = await new_report(intake, ct, meldDatum=(today - timedelta(days=50)).isoformat())
    fresh = await new_report(
        intake, ct, meldDatum=today.isoformat(), persoon={"achternaam": "Smit", "geboortedatum": "1990-02-02"}
    )
    worklist = (await intake.client.get("/v1/beslistermijnen", headers=ct)).json()
    assert [w["meldingId"] for w in worklist] == [late["id"], fresh["id"]]
    assert worklist[0]["dagenResterend"] == 6 and worklist[1]["dagenResterend"] == 56


async def test_deadline_events_at_seven_days_and_after_the_term(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct, meldDatum="2026-09-01")  # term ends 2026-10-27
    container = intake.container
    async with container.uow() as uow:
        assert await signaleer_termijnen(uow, date(2026, 10, 19)) == 0  # 8 days left
    async with container.uow() as uow:
        assert await signaleer_termijnen(uow, date(2026, 10, 20)) == 1  # 7 days left
    async with container.uow() as uow:
        assert await signaleer_termijnen(uow, date(2026, 10, 21)) == 0  # already signalled
    async with container.uow() as uow:
        assert await signaleer_termijnen(uow, date(2026, 10, 28)) == 1  # passed
    async with container.uow() as uow:
        assert await signaleer_termijnen(uow, date(2026, 11, 28)) == 0
    events = [e for e in await outbox_events(intake) if "beslistermijn" in e["type"]]
    assert [e["type"].split(".")[-2] for e in events] == ["beslistermijn-nadert", "beslistermijn-verstreken"]
    assert events[0]["data"]["dagenResterend"] == 7 and events[0]["data"]["meldingId"] == melding["id"]
