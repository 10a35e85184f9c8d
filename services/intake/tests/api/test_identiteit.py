"""Identity through the HTTP API (issue 13, item 1): who is the same person, possible duplicates, unknown identity
(alias and description), merge and split."""

import json
from typing import Any

from sqlalchemy import select, text

from intake.adapters.orm import Persoon
from intake.tests_support import outbox_events
from journey_platform.testing.plugin import RunningService

from .conftest import report

MERGED = "nl.opvangketen.intake.personen-samengevoegd.v1"
SPLIT = "nl.opvangketen.intake.persoon-gesplitst.v1"
ROUGH_SLEEPER = {
    "alias": "Rooie Kees",
    "beschrijving": {"leeftijdIndicatie": 45, "geslacht": "man", "waarGezien": "Onder de Thorbeckegracht-brug"},
}


async def post(intake: RunningService, path: str, body: Any, headers: dict[str, str], expect: int = 201) -> Any:
    response = await intake.client.post(f"/v1{path}", json=body, headers=headers)
    assert response.status_code == expect, response.text
    return response.json()


async def test_same_surname_and_birth_date_with_another_first_name_is_another_person_and_a_possible_duplicate(
    intake: RunningService, auth: Any
) -> None:
    """The bug of issue 13: Piet and Klaas Jansen, both born 1980-04-01, were one person and one journey."""
    ct = auth()
    piet = await post(intake, "/meldingen", report(), ct)
    klaas = await post(
        intake, "/meldingen", report(persoon={"achternaam": "Jansen", "voornaam": "Klaas", "geboortedatum": "1980-04-01"}), ct
    )
    assert klaas["persoonId"] != piet["persoonId"] and klaas["trajectId"] != piet["trajectId"]
    assert klaas["herhaalmelding"] is False
    worklist = (await intake.client.get("/v1/mogelijke-dubbelen", params={"status": "open"}, headers=ct)).json()
    assert len(worklist) == 1
    pair = worklist[0]
    assert {pair["persoon"]["id"], pair["kandidaat"]["id"]} == {piet["persoonId"], klaas["persoonId"]}
    assert pair["overeenkomendeVelden"] == ["achternaam", "geboortedatum"]
    assert {pair["persoon"]["voornaam"], pair["kandidaat"]["voornaam"]} == {"Piet", "Klaas"}
    # judged as two people: off the worklist, with the reason, and not proposed again
    judged = await post(intake, f"/mogelijke-dubbelen/{pair['id']}/afwijzing", {"reden": "Andere vader"}, ct, expect=200)
    assert judged["status"] == "afgewezen" and judged["reden"] == "Andere vader"
    await post(
        intake, "/meldingen", report(persoon={"achternaam": "Jansen", "voornaam": "Klaas", "geboortedatum": "1980-04-01"}), ct
    )
    assert (await intake.client.get("/v1/mogelijke-dubbelen", params={"status": "open"}, headers=ct)).json() == []


async def test_the_same_person_written_differently_is_found_again(intake: RunningService, auth: Any) -> None:
    ct = auth()
    first = await post(
        intake, "/meldingen", report(persoon={"achternaam": "van der Berg", "voornaam": "Jan", "geboortedatum": "1975-06-30"}), ct
    )
    again = await post(
        intake, "/meldingen", report(persoon={"achternaam": "BERG, van der", "voornaam": "J.", "geboortedatum": "1975-06-30"}), ct
    )
    attached = await post(
        intake, "/meldingen", report(persoon={"achternaam": "Vanderberg", "voornaam": "jan", "geboortedatum": "1975-06-30"}), ct
    )
    assert first["persoonId"] == again["persoonId"] == attached["persoonId"]
    assert again["herhaalmelding"] is True and attached["trajectId"] == first["trajectId"]
    # without the tussenvoegsels, or without a first name: not the same person, but on the worklist
    bare = await post(
        intake, "/meldingen", report(persoon={"achternaam": "Berg", "voornaam": "Jan", "geboortedatum": "1975-06-30"}), ct
    )
    no_first_name = await post(
        intake, "/meldingen", report(persoon={"achternaam": "van der Berg", "geboortedatum": "1975-06-30"}), ct
    )
    assert len({first["persoonId"], bare["persoonId"], no_first_name["persoonId"]}) == 3
    worklist = (await intake.client.get("/v1/mogelijke-dubbelen", headers=ct)).json()
    pairs = {frozenset((d["persoon"]["id"], d["kandidaat"]["id"])) for d in worklist}
    assert frozenset((bare["persoonId"], first["persoonId"])) in pairs
    assert frozenset((no_first_name["persoonId"], first["persoonId"])) in pairs


async def test_a_person_known_only_by_an_alias_can_be_reported_and_the_description_is_sealed(
    intake: RunningService, auth: Any
) -> None:
    ct = auth()
    melding = await post(intake, "/meldingen", report(persoon=ROUGH_SLEEPER, gemeenteVanHerkomst=None), ct)
    person = (await intake.client.get(f"/v1/personen/{melding['persoonId']}", headers=ct)).json()
    assert person["alias"] == "Rooie Kees" and person["achternaam"] is None
    assert person["beschrijving"] == {
        "leeftijdIndicatie": 45,
        "geslacht": "man",
        "waarGezien": "Onder de Thorbeckegracht-brug",
        "kenmerken": None,
    }
    # the same alias again: another person (an alias proves nothing), proposed as a possible duplicate
    other = await post(intake, "/meldingen", report(persoon={"alias": "rooie kees"}), ct)
    assert other["persoonId"] != melding["persoonId"]
    assert len((await intake.client.get("/v1/mogelijke-dubbelen", headers=ct)).json()) == 1
    async with intake.container.engine.connect() as conn:
        stored = json.dumps([list(r) for r in (await conn.execute(select(Persoon.gegevens_versleuteld))).all()])
        outbox = json.dumps([list(r) for r in (await conn.execute(text("select payload from outbox"))).all()])
    for needle in ("Rooie", "Thorbecke", "Kees"):
        assert needle not in stored and needle not in outbox
    missing = await intake.client.post("/v1/meldingen", json=report(persoon={"beschrijving": {"geslacht": "man"}}), headers=ct)
    assert missing.status_code == 400 and missing.headers["content-type"].startswith("application/problem+json")


async def test_merge_moves_the_alias_journey_to_the_known_person_and_a_split_moves_it_back(
    intake: RunningService, auth: Any
) -> None:
    ct = auth()
    alias = await post(intake, "/meldingen", report(persoon=ROUGH_SLEEPER, toelichting="Sliep bij het station"), ct)
    known = await post(
        intake, "/meldingen", report(persoon={"bsn": "111222333", "achternaam": "Kok", "geboortedatum": "1979-01-01"}), ct
    )
    merge_body = {"overblijvendPersoonId": known["persoonId"], "opgaandPersoonId": alias["persoonId"], "reden": "Herkend op foto"}
    for who in (
        auth("gemeente", "GM0193"),
        auth("zorgaanbieder", "leger-des-heils"),
        auth("centrale-toegang", "CT-MIDDEN-IJSSEL"),
    ):
        assert (await intake.client.post("/v1/samenvoegingen", json=merge_body, headers=who)).status_code == 403
    verwijzing = await post(
        intake, "/verwijzingen", {"meldingId": alias["id"], "naarOrganisatie": "GM0166", "toelichting": "Kent Kampen"}, ct
    )
    merged = await post(intake, "/samenvoegingen", merge_body, ct)
    assert merged["trajectIds"] == [alias["trajectId"]] and merged["reden"] == "Herkend op foto"
    read = (await intake.client.get(f"/v1/verwijzingen/{verwijzing['id']}", headers=ct)).json()
    assert read["toelichting"] == "Kent Kampen"  # text in a record linked through the report, re-sealed too
    traject = (await intake.client.get(f"/v1/trajecten/{alias['trajectId']}", headers=ct)).json()
    assert traject["persoonId"] == known["persoonId"]
    melding = (await intake.client.get(f"/v1/meldingen/{alias['id']}", headers=ct)).json()
    assert melding["persoonId"] == known["persoonId"] and melding["toelichting"] == "Sliep bij het station"  # re-sealed
    absorbed = (await intake.client.get(f"/v1/personen/{alias['persoonId']}", headers=ct)).json()
    assert absorbed["samengevoegdIn"] == known["persoonId"] and absorbed["alias"] == "Rooie Kees"  # history kept
    # a later report by the BSN finds the surviving person, and so does a report about the alias's name
    again = await post(intake, "/meldingen", report(persoon={"bsn": "111222333"}), ct)
    assert again["persoonId"] == known["persoonId"]
    event = next(e for e in await outbox_events(intake) if e["type"] == MERGED)
    assert event["data"] == {
        "samenvoegingId": merged["id"],
        "clientId": known["persoonId"],
        "opgegaanClientId": alias["persoonId"],
        "trajectIds": [alias["trajectId"]],
        "samengevoegdOp": event["data"]["samengevoegdOp"],
    }
    assert (await intake.client.post("/v1/samenvoegingen", json=merge_body, headers=ct)).status_code == 409

    split = await post(intake, "/splitsingen", {"samenvoegingId": merged["id"], "reden": "Toch een ander"}, ct)
    assert split["splitsingId"] and split["splitsreden"] == "Toch een ander"
    melding = (await intake.client.get(f"/v1/meldingen/{alias['id']}", headers=ct)).json()
    assert melding["persoonId"] == alias["persoonId"] and melding["toelichting"] == "Sliep bij het station"
    restored = (await intake.client.get(f"/v1/personen/{alias['persoonId']}", headers=ct)).json()
    assert restored["samengevoegdIn"] is None
    read = (await intake.client.get(f"/v1/verwijzingen/{verwijzing['id']}", headers=ct)).json()
    assert read["toelichting"] == "Kent Kampen"
    event = next(e for e in await outbox_events(intake) if e["type"] == SPLIT)
    assert (event["data"]["clientId"], event["data"]["vanClientId"]) == (alias["persoonId"], known["persoonId"])
    assert event["data"]["trajectIds"] == [alias["trajectId"]]
    again = await intake.client.post("/v1/splitsingen", json={"samenvoegingId": merged["id"], "reden": "nog eens"}, headers=ct)
    assert again.status_code == 409
    read = (await intake.client.get(f"/v1/samenvoegingen/{merged['id']}", headers=ct)).json()
    assert read["gesplitstDoor"] == "CT-IJSSEL-VECHT"


async def test_merge_refuses_bad_input_two_bsns_and_names_every_bad_field(intake: RunningService, auth: Any) -> None:
    ct = auth()
    bad = await intake.client.post("/v1/samenvoegingen", json={"overblijvendPersoonId": "x", "reden": ""}, headers=ct)
    assert bad.status_code == 400
    names = {p["name"] for p in bad.json()["invalidParams"]}
    assert {"overblijvendPersoonId", "opgaandPersoonId", "reden"} <= names
    a = await post(intake, "/meldingen", report(persoon={"bsn": "111222333"}), ct)
    b = await post(intake, "/meldingen", report(persoon={"bsn": "123456782"}), ct)
    body = {"overblijvendPersoonId": a["persoonId"], "opgaandPersoonId": b["persoonId"], "reden": "zelfde?"}
    assert (await intake.client.post("/v1/samenvoegingen", json=body, headers=ct)).status_code == 409
    unknown = {**body, "opgaandPersoonId": "00000000-0000-0000-0000-000000000000"}
    response = await intake.client.post("/v1/samenvoegingen", json=unknown, headers=ct)
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "opgaandPersoonId"
    c = await post(intake, "/meldingen", report(persoon=ROUGH_SLEEPER), ct)
    named = {**body, "opgaandPersoonId": c["persoonId"], "mogelijkeDubbeleId": "00000000-0000-0000-0000-000000000000"}
    response = await intake.client.post("/v1/samenvoegingen", json=named, headers=ct)
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "mogelijkeDubbeleId"
    assert (await intake.client.get(f"/v1/personen/{c['persoonId']}", headers=ct)).json()["samengevoegdIn"] is None


async def test_erasing_the_surviving_person_erases_the_merged_one_too(intake: RunningService, auth: Any) -> None:
    ct = auth()
    alias = await post(intake, "/meldingen", report(persoon=ROUGH_SLEEPER), ct)
    known = await post(intake, "/meldingen", report(), ct)
    body = {"overblijvendPersoonId": known["persoonId"], "opgaandPersoonId": alias["persoonId"], "reden": "Zelfde persoon"}
    await post(intake, "/samenvoegingen", body, ct)
    await post(intake, "/wisverzoeken", {"persoonId": known["persoonId"], "grondslag": "avg-17-1-a"}, ct)
    async with intake.container.sessionmaker() as session:
        absorbed = await session.get(Persoon, alias["persoonId"])
        assert absorbed is not None and absorbed.sleutel_versleuteld is None and absorbed.gegevens_versleuteld is None


async def test_an_alias_whose_identity_becomes_known_keeps_its_history(intake: RunningService, auth: Any) -> None:
    ct = auth()
    alias = await post(intake, "/meldingen", report(persoon=ROUGH_SLEEPER), ct)
    identity = {"voornaam": "Cornelis", "achternaam": "de Kok", "geboortedatum": "1981-05-05"}
    answer = await post(
        intake,
        f"/personen/{alias['persoonId']}/identificatie",
        {"persoon": identity, "reden": "Toonde zijn ID-kaart"},
        ct,
        expect=200,
    )
    assert answer == {"persoonId": alias["persoonId"], "samenvoegingId": None}  # nobody known: the record itself gets it
    person = (await intake.client.get(f"/v1/personen/{alias['persoonId']}", headers=ct)).json()
    assert (person["achternaam"], person["alias"], person["beschrijving"]["leeftijdIndicatie"]) == ("de Kok", "Rooie Kees", 45)
    again = await post(intake, "/meldingen", report(persoon={**identity, "achternaam": "Kok, de", "voornaam": "C."}), ct)
    assert (again["persoonId"], again["trajectId"], again["herhaalmelding"]) == (alias["persoonId"], alias["trajectId"], True)

    # another alias, who turns out to be someone intake knows by BSN: merged into that person
    other = await post(intake, "/meldingen", report(persoon={"alias": "Lange Jan"}), ct)
    known = await post(
        intake, "/meldingen", report(persoon={"bsn": "123456782", "achternaam": "Lang", "geboortedatum": "1990-09-09"}), ct
    )
    answer = await post(
        intake,
        f"/personen/{other['persoonId']}/identificatie",
        {"persoon": {"bsn": "123456782"}, "reden": "BSN via de GGD"},
        ct,
        expect=200,
    )
    assert answer["persoonId"] == known["persoonId"] and answer["samenvoegingId"]
    traject = (await intake.client.get(f"/v1/trajecten/{other['trajectId']}", headers=ct)).json()
    assert traject["persoonId"] == known["persoonId"]
    assert any(e["type"] == MERGED for e in await outbox_events(intake))
    bad = await intake.client.post(
        f"/v1/personen/{other['persoonId']}/identificatie", json={"persoon": {"alias": "x1"}}, headers=ct
    )
    assert bad.status_code == 400
