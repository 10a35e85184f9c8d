"""The questionnaire over HTTP: inviting (who may), the one-time page, answers stored apart from identity, the story
only with consent, friendly pages for an unknown (404), expired or used (410) link, problem+json for bad fields."""

import re
import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select, update

from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.db import utcnow
from journey_platform.testing.plugin import RunningService
from reporting.experience.adapters.orm import Ervaringsantwoord, Ervaringsuitnodiging
from reporting.experience.domain.tokens import token_hash
from reporting.service_layer.erasure import on_persoon_gewist
from reporting.testing.events import emit
from reporting.tests_support import Client, feed

ZWOLLE = Client("GM0193", herkomst="GM0193")
CT = ("centrale-toegang", "CT-IJSSEL-VECHT")
FORM = "application/x-www-form-urlencoded"


async def invite(reporting: RunningService, auth: Any, client: Client = ZWOLLE, moment: str = "tijdens-opvang") -> str:
    response = await reporting.client.post(
        f"/v1/trajecten/{client.traject_id}/ervaringsuitnodigingen", json={"moment": moment}, headers=auth(*CT)
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"].endswith(body["link"])
    assert re.fullmatch(r"/v1/vragenlijst/[A-Za-z0-9_-]{43}", body["link"])
    return str(body["link"])


async def test_an_invited_client_answers_once_and_the_answer_knows_no_person(reporting: RunningService, auth: Any) -> None:
    await feed(reporting.container, [ZWOLLE.melding(date(2026, 10, 1))])
    link = await invite(reporting, auth)
    page = await reporting.client.get(link)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in page.text and "In de opvang voelde ik me veilig." in page.text
    assert "<script" not in page.text and "form-action 'self'" in page.headers["content-security-policy"]
    form = {"veilig-gevoeld": "4", "veilig-opvang": "5", "serieus-genomen": "2", "verhaal": "Fijne mensen.", "toestemming": "ja"}
    answered = await reporting.client.post(link, data=form)
    assert answered.status_code == 200 and "Bedankt" in answered.text
    again = await reporting.client.post(link, data=form)
    assert again.status_code == 410 and "al ingevuld" in again.text
    assert (await reporting.client.get(link)).status_code == 410
    async with reporting.container.uow() as uow:
        answer = (await uow.session.scalars(select(Ervaringsantwoord))).one()
        invitation = (await uow.session.scalars(select(Ervaringsuitnodiging))).one()
        assert (answer.regio, answer.gemeente, answer.moment, answer.fase) == (
            "ijssel-vecht",
            "GM0193",
            "tijdens-opvang",
            "gemeld",
        )
        assert re.fullmatch(r"\d{4}-\d{2}", answer.periode)
        assert answer.scores == {"veilig-gevoeld": 4, "veilig-opvang": 5, "serieus-genomen": 2}
        assert answer.verhaal == "Fijne mensen."
        columns = set(Ervaringsantwoord.__table__.columns.keys())
        assert columns == {"id", "regio", "gemeente", "moment", "fase", "periode", "vragenlijst_versie", "scores", "verhaal"}
        assert invitation.traject_id is None and invitation.gebruikt_op is not None  # the journey link is erased
        assert invitation.token_hash == token_hash(link.rsplit("/", 1)[1])  # only the hash is kept


async def test_the_story_is_kept_only_with_consent(reporting: RunningService, auth: Any) -> None:
    c = Client("GM0193")
    await feed(reporting.container, [c.melding(date(2026, 10, 1))])
    for toestemming in ("nee", ""):
        link = await invite(reporting, auth, c, "na-besluit")
        form = {"hulp-past": "3", "verhaal": "Niet bewaren", "toestemming": toestemming}
        assert (await reporting.client.post(link, data=form)).status_code == 200
    async with reporting.container.uow() as uow:
        stories = (await uow.session.scalars(select(Ervaringsantwoord.verhaal))).all()
    assert stories == [None, None]


async def test_unknown_and_expired_links_get_a_friendly_page(reporting: RunningService, auth: Any) -> None:
    unknown = await reporting.client.get("/v1/vragenlijst/" + "a" * 43)
    assert unknown.status_code == 404 and "Deze link werkt niet" in unknown.text
    assert (await reporting.client.get("/v1/vragenlijst/kort")).status_code == 404
    c = Client("GM0193")
    await feed(reporting.container, [c.melding(date(2026, 10, 1))])
    link = await invite(reporting, auth, c)
    async with reporting.container.uow() as uow:
        await uow.session.execute(update(Ervaringsuitnodiging).values(verloopt_op=utcnow() - timedelta(seconds=1)))
        await uow.commit()
    for response in (await reporting.client.get(link), await reporting.client.post(link, data={"hulp-past": "4"})):
        assert response.status_code == 410 and "verlopen" in response.text
    async with reporting.container.uow() as uow:
        assert (await uow.session.scalars(select(Ervaringsantwoord))).all() == []


async def test_bad_answers_and_bad_invitations_are_problems_naming_every_field(reporting: RunningService, auth: Any) -> None:
    c = Client("GM0193")
    await feed(reporting.container, [c.melding(date(2026, 10, 1))])
    link = await invite(reporting, auth, c, "na-besluit")
    bad = await reporting.client.post(link, data={"hulp-past": "9", "veilig-opvang": "4", "wie": "x", "toestemming": "misschien"})
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"
    names = {p["name"] for p in bad.json()["invalidParams"]}
    assert names == {"hulp-past", "veilig-opvang", "wie", "toestemming"}  # veilig-opvang is not asked after the decision
    json_body = await reporting.client.post(link, json={"hulp-past": "4"})
    assert json_body.status_code == 400 and json_body.json()["invalidParams"][0]["name"] == "body"
    assert (await reporting.client.get(link)).status_code == 200  # a refused form does not use the link up
    wrong = await reporting.client.post(
        f"/v1/trajecten/{c.traject_id}/ervaringsuitnodigingen", json={"moment": "ooit", "extra": 1}, headers=auth(*CT)
    )
    assert wrong.status_code == 400 and {p["name"] for p in wrong.json()["invalidParams"]} == {"moment", "extra"}
    missing = await reporting.client.post(
        f"/v1/trajecten/{uuid.uuid4()}/ervaringsuitnodigingen", json={"moment": "na-besluit"}, headers=auth(*CT)
    )
    assert missing.status_code == 404


async def test_only_central_access_and_the_journeys_local_team_invite(reporting: RunningService, auth: Any) -> None:
    c = Client("GM0193")
    await feed(reporting.container, [c.melding(date(2026, 10, 1))])
    path, body = f"/v1/trajecten/{c.traject_id}/ervaringsuitnodigingen", {"moment": "na-besluit"}
    expected = {
        ("gemeente", "GM0193"): 201,
        ("gemeente", "GM0166"): 403,
        ("centrale-toegang", "CT-MIDDEN-IJSSEL"): 403,
        ("zorgaanbieder", "leger-des-heils"): 403,
    }
    got = {who: (await reporting.client.post(path, json=body, headers=auth(*who))).status_code for who in expected}
    assert got == expected


async def test_an_erased_clients_open_invitation_is_withdrawn(reporting: RunningService, auth: Any) -> None:
    erased, kept = Client("GM0193", herkomst="GM0193"), Client("GM0193", herkomst="GM0193")
    await feed(reporting.container, [erased.melding(date(2026, 10, 1)), kept.melding(date(2026, 10, 1))])
    erased_link, kept_link = await invite(reporting, auth, erased), await invite(reporting, auth, kept)
    gewist = PersoonGewist(client_id=erased.client_id, traject_ids=[erased.traject_id], aanleiding="verzoek", gewist_op=utcnow())
    async with reporting.container.uow() as uow:
        await on_persoon_gewist(emit(gewist, gewist.gewist_op), uow)
        await uow.commit()
    assert (await reporting.client.get(erased_link)).status_code == 404  # the link no longer leads to the journey
    assert (await reporting.client.get(kept_link)).status_code == 200
    async with reporting.container.uow() as uow:
        left = list(await uow.session.scalars(select(Ervaringsuitnodiging.traject_id)))
    assert left == [kept.traject_id]
