"""Episodes through the HTTP API: closing with a reason (published), a return after closure, inactivity, the warm
handover learnt from housing, and a responsible municipality that a repeat report never changes."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from intake.service_layer.episodes import EpisodeSettings, close_due
from intake.tests_support import HOUSING_SOURCE, deliver, outbox_events
from journey_platform.contracts import housing as hv
from journey_platform.contracts import placement as pv
from journey_platform.testing.plugin import RunningService

from .conftest import report

CLOSED = "nl.opvangketen.intake.traject-afgesloten.v1"


async def closings(intake: RunningService) -> list[dict[str, Any]]:
    return [e["data"] for e in await outbox_events(intake) if e["type"] == CLOSED]


async def test_a_report_closed_without_follow_up_closes_the_episode_and_a_new_report_is_a_return(
    intake: RunningService, auth: Any
) -> None:
    ct = auth()
    first = (await intake.client.post("/v1/meldingen", json=report(), headers=ct)).json()
    closed = await intake.client.post(
        f"/v1/meldingen/{first['id']}/afsluiting", json={"redenCode": "persoon-vertrokken"}, headers=ct
    )
    assert closed.status_code == 200, closed.text
    journey = (await intake.client.get(f"/v1/trajecten/{first['trajectId']}", headers=ct)).json()
    assert journey["status"] == "gesloten" and journey["afsluitreden"] == "zonder-vervolg"
    assert journey["geslotenOp"] is not None
    [closing] = await closings(intake)
    assert closing["trajectId"] == first["trajectId"] and closing["redenCode"] == "zonder-vervolg"
    assert set(closing) == {"trajectId", "clientId", "redenCode", "afgeslotenOp", "verantwoordelijkeGemeente"}  # ids, codes

    again = (await intake.client.post("/v1/meldingen", json=report(), headers=ct)).json()
    assert again["persoonId"] == first["persoonId"]
    assert again["trajectId"] != first["trajectId"]
    new_journey = (await intake.client.get(f"/v1/trajecten/{again['trajectId']}", headers=ct)).json()
    assert new_journey["status"] == "open"
    assert new_journey["terugval"] is True
    assert new_journey["vorigTrajectId"] == first["trajectId"]
    assert new_journey["dagenSindsVorigTraject"] == 0  # reported again the same Dutch day
    registered = [e["data"] for e in await outbox_events(intake) if e["type"].endswith("melding-geregistreerd.v1")]
    assert registered[-1]["nieuwTraject"] is True and registered[-1]["terugval"] is True
    assert registered[-1]["vorigTrajectId"] == first["trajectId"]
    # The closed episode keeps its end state.
    assert (await intake.client.get(f"/v1/trajecten/{first['trajectId']}", headers=ct)).json()["status"] == "gesloten"


async def test_no_support_closes_the_episode_but_not_while_support_was_granted_on_another_report(
    intake: RunningService, auth: Any
) -> None:
    ct = auth()
    first = (await intake.client.post("/v1/meldingen", json=report(), headers=ct)).json()
    granted = {
        "meldingId": first["id"],
        "besluit": "toekenning",
        "voorziening": "mo",
        "soort": "nieuw",
        "geldigVan": "2026-01-01",
    }
    assert (await intake.client.post("/v1/beschikkingen", json=granted, headers=ct)).status_code == 201
    second = (await intake.client.post("/v1/meldingen", json=report(), headers=ct)).json()
    refused = {"meldingId": second["id"], "besluit": "geen-ondersteuning", "redenCode": "geen-ondersteuningsbehoefte"}
    assert (await intake.client.post("/v1/beschikkingen", json=refused, headers=ct)).status_code == 201
    assert (await intake.client.get(f"/v1/trajecten/{first['trajectId']}", headers=ct)).json()["status"] == "open"

    other = (await intake.client.post("/v1/meldingen", json=report(persoon={"bsn": "111222333"}), headers=ct)).json()
    refused = {"meldingId": other["id"], "besluit": "geen-ondersteuning", "redenCode": "geen-ondersteuningsbehoefte"}
    assert (await intake.client.post("/v1/beschikkingen", json=refused, headers=ct)).status_code == 201
    journey = (await intake.client.get(f"/v1/trajecten/{other['trajectId']}", headers=ct)).json()
    assert (journey["status"], journey["afsluitreden"]) == ("gesloten", "geen-ondersteuning")


async def test_a_repeat_report_never_changes_the_responsible_municipality(intake: RunningService, auth: Any) -> None:
    ct = auth()
    first = (await intake.client.post("/v1/meldingen", json=report(gemeenteVanHerkomst=None), headers=ct)).json()
    assert first["verantwoordelijkeGemeente"] == "GM0193"
    # Reported again in Kampen, naming Kampen as origin: the journey keeps Zwolle.
    repeat = await intake.client.post(
        "/v1/meldingen", json=report(gemeenteMelding="GM0166", gemeenteVanHerkomst="GM0166"), headers=ct
    )
    assert repeat.status_code == 201, repeat.text
    assert repeat.json()["trajectId"] == first["trajectId"]
    assert repeat.json()["verantwoordelijkeGemeente"] == "GM0193"
    registered = [e["data"] for e in await outbox_events(intake) if e["type"].endswith("melding-geregistreerd.v1")]
    assert registered[-1]["verantwoordelijkeGemeente"] == "GM0193"
    # Asking for another responsible municipality on a repeat report is refused: only the explicit change does that.
    asked = await intake.client.post("/v1/meldingen", json=report(verantwoordelijkeGemeente="GM0166"), headers=ct)
    assert asked.status_code == 409, asked.text
    journey = (await intake.client.get(f"/v1/trajecten/{first['trajectId']}", headers=ct)).json()
    assert (journey["gemeenteMelding"], journey["verantwoordelijkeGemeente"]) == ("GM0193", "GM0193")
    # The local team of Kampen made a report, and sees it; the journey stays Zwolle's.
    kampen = auth("gemeente", "GM0166")
    assert (await intake.client.get(f"/v1/meldingen/{repeat.json()['id']}", headers=kampen)).status_code == 200
    assert (await intake.client.get(f"/v1/trajecten/{first['trajectId']}", headers=kampen)).status_code == 403


async def test_closing_by_hand_left_the_region_or_died(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = (await intake.client.post("/v1/meldingen", json=report(), headers=ct)).json()
    path = f"/v1/trajecten/{melding['trajectId']}/afsluiting"
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    bad = await intake.client.post(path, json={"redenCode": "overleden", "afgeslotenOp": future}, headers=ct)
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "afgeslotenOp"
    assert (await intake.client.post(path, json={"redenCode": "inactief"}, headers=ct)).status_code == 400  # not by hand
    closed = await intake.client.post(path, json={"redenCode": "overleden"}, headers=ct)
    assert closed.status_code == 200, closed.text
    assert (closed.json()["status"], closed.json()["afsluitreden"]) == ("gesloten", "overleden")
    assert (await intake.client.post(path, json={"redenCode": "overleden"}, headers=ct)).status_code == 409
    change = {"gemeente": "GM0166", "reden": "woont in Kampen"}
    changed = await intake.client.put(f"/v1/trajecten/{melding['trajectId']}/verantwoordelijke-gemeente", json=change, headers=ct)
    assert changed.status_code == 409  # a closed journey keeps its state
    assert [c["redenCode"] for c in await closings(intake)] == ["overleden"]


async def test_an_episode_without_stay_contact_or_decision_closes_as_inactive(intake: RunningService, auth: Any) -> None:
    ct = auth()
    quiet = (await intake.client.post("/v1/meldingen", json=report(), headers=ct)).json()
    staying = (await intake.client.post("/v1/meldingen", json=report(persoon={"bsn": "111222333"}), headers=ct)).json()
    stay_id = uuid.uuid4()
    await deliver(intake, admission(staying, stay_id))
    settings = EpisodeSettings(aftercare_days=0, inactivity_days=90)
    async with intake.container.uow() as uow:
        assert await close_due(uow, settings, datetime.now(UTC) + timedelta(days=88)) == []
    async with intake.container.uow() as uow:
        closed = await close_due(uow, settings, datetime.now(UTC) + timedelta(days=91))
    assert [str(t) for t in closed] == [quiet["trajectId"]]  # the one in a shelter is not inactive
    journey = (await intake.client.get(f"/v1/trajecten/{quiet['trajectId']}", headers=ct)).json()
    assert (journey["status"], journey["afsluitreden"]) == ("gesloten", "inactief")
    assert (await intake.client.get(f"/v1/trajecten/{staying['trajectId']}", headers=ct)).json()["status"] == "open"


async def test_housed_and_handed_over_closes_the_episode(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = (await intake.client.post("/v1/meldingen", json=report(), headers=ct)).json()
    confirmed = hv.WarmeOverdrachtBevestigd(
        traject_id=uuid.UUID(melding["trajectId"]),
        client_id=uuid.UUID(melding["persoonId"]),
        overdracht_id=uuid.uuid4(),
        gemeente="GM0193",
        bevestigd_op=datetime.now(UTC),
    )
    await deliver(intake, confirmed, HOUSING_SOURCE)
    journey = (await intake.client.get(f"/v1/trajecten/{melding['trajectId']}", headers=ct)).json()
    assert (journey["status"], journey["afsluitreden"]) == ("gesloten", "gehuisvest-overgedragen")


def admission(melding: dict[str, Any], stay_id: uuid.UUID) -> pv.OpnameGeregistreerd:
    return pv.OpnameGeregistreerd(
        traject_id=uuid.UUID(melding["trajectId"]),
        client_id=uuid.UUID(melding["persoonId"]),
        opname_id=stay_id,
        voorziening_id=uuid.uuid4(),
        voorziening_type=pv.VoorzieningType.acute_opvang,
        zorgaanbieder="leger-des-heils",
        gemeente="GM0193",
        regio="ijssel-vecht",
        opgenomen_op=datetime.now(UTC),
        uiterlijk_tot=None,
    )
