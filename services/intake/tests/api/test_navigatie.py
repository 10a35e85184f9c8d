"""Navigable resources (issue 16, item 2): Location on a 201, paging links and totals, links between resources,
and the new lists of referrals and decisions."""

from typing import Any

from journey_platform.testing.plugin import RunningService

from .conftest import report

BW = {"besluit": "toekenning", "voorziening": "beschermd-wonen", "soort": "nieuw", "geldigVan": "2026-11-01"}


async def created(intake: RunningService, path: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    response = await intake.client.post(path, json=body, headers=headers)
    assert response.status_code == 201, response.text
    location = response.headers["location"]
    again = await intake.client.get(location, headers=headers)
    assert again.status_code == 200 and again.json()["id"] == response.json()["id"], location
    return response.json()  # type: ignore[no-any-return]  # httpx's json() is Any


async def test_a_201_says_where_the_new_resource_is(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await created(intake, "/v1/meldingen", report(), ct)
    onderzoek = await created(intake, "/v1/onderzoeken", {"meldingId": melding["id"], "metPsychiater": True}, ct)
    assert onderzoek["metPsychiater"] is True
    beschikking = await created(intake, "/v1/beschikkingen", {"meldingId": melding["id"], **BW}, ct)
    assert beschikking["_links"]["self"]["href"] == f"/v1/beschikkingen/{beschikking['id']}"
    other = await created(intake, "/v1/meldingen", report(), ct)
    await created(intake, "/v1/verwijzingen", {"meldingId": other["id"], "naarOrganisatie": "GM0166"}, ct)


async def test_a_report_links_its_journey_decision_and_referrals(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await created(intake, "/v1/meldingen", report(), ct)
    await created(intake, "/v1/verwijzingen", {"meldingId": melding["id"], "naarOrganisatie": "GM0166"}, ct)
    beschikking = await created(intake, "/v1/beschikkingen", {"meldingId": melding["id"], **BW}, ct)
    links = (await intake.client.get(f"/v1/meldingen/{melding['id']}", headers=ct)).json()["_links"]
    assert set(links) == {"self", "traject", "beschikkingen", "verwijzingen"}
    journey = await intake.client.get(links["traject"]["href"], headers=ct)
    assert journey.json()["id"] == melding["trajectId"]
    decisions = (await intake.client.get(links["beschikkingen"]["href"], headers=ct)).json()
    assert [d["id"] for d in decisions] == [beschikking["id"]]
    assert decisions[0]["_links"]["melding"]["href"] == f"/v1/meldingen/{melding['id']}"
    referrals = (await intake.client.get(links["verwijzingen"]["href"], headers=ct)).json()
    assert [r["naarOrganisatie"] for r in referrals] == ["GM0166"]
    assert referrals[0]["_links"]["melding"]["href"] == links["self"]["href"]


async def test_the_referral_inbox_and_outbox_by_status(intake: RunningService, auth: Any) -> None:
    ct, kampen = auth(), auth("gemeente", "GM0166")
    ids = []
    for _ in range(3):
        melding = await created(intake, "/v1/meldingen", report(), ct)
        ids.append(
            (await created(intake, "/v1/verwijzingen", {"meldingId": melding["id"], "naarOrganisatie": "GM0166"}, ct))["id"]
        )
    accepted = await intake.client.post(f"/v1/verwijzingen/{ids[0]}/beoordeling", json={"geaccepteerd": True}, headers=kampen)
    assert accepted.status_code == 200, accepted.text
    inbox = await intake.client.get("/v1/verwijzingen", params={"richting": "inkomend", "status": "open"}, headers=kampen)
    assert sorted(r["id"] for r in inbox.json()) == sorted(ids[1:]) and inbox.headers["x-total-count"] == "2"
    assert (await intake.client.get("/v1/verwijzingen", params={"richting": "uitgaand"}, headers=kampen)).json() == []
    outbox = await intake.client.get("/v1/verwijzingen", params={"richting": "uitgaand"}, headers=ct)
    assert {r["id"] for r in outbox.json()} == set(ids)
    statuses = {r["id"]: r["status"] for r in outbox.json()}
    assert statuses[ids[0]] == "geaccepteerd"


async def test_lists_carry_their_total_and_paging_links(intake: RunningService, auth: Any) -> None:
    ct = auth()
    for _ in range(5):
        melding = await created(intake, "/v1/meldingen", report(), ct)
        await created(intake, "/v1/beschikkingen", {"meldingId": melding["id"], **BW}, ct)
    second = await intake.client.get("/v1/beschikkingen", params={"pagina": 2, "paginaGrootte": 2}, headers=ct)
    assert len(second.json()) == 2
    assert second.headers["x-total-count"] == "5"
    assert (second.headers["x-pagination-page"], second.headers["x-pagination-limit"]) == ("2", "2")
    links = {rel: url for url, rel in _parse_links(second.headers["link"])}
    assert links["next"].endswith("pagina=3&paginaGrootte=2") and links["prev"].endswith("pagina=1&paginaGrootte=2")
    assert links["last"].endswith("pagina=3&paginaGrootte=2")
    last = await intake.client.get(links["last"], headers=ct)
    assert len(last.json()) == 1 and "next" not in last.headers["link"]
    # Every list counts now: a full page of exactly all reports has no next page.
    reports = await intake.client.get("/v1/meldingen", params={"paginaGrootte": 5}, headers=ct)
    assert 'rel="next"' not in reports.headers["link"] and reports.headers["x-total-count"] == "5"


async def test_a_provider_sees_no_referrals_or_decisions(intake: RunningService, auth: Any) -> None:
    provider = auth("zorgaanbieder", "leger-des-heils")
    assert (await intake.client.get("/v1/verwijzingen", headers=provider)).json() == []
    assert (await intake.client.get("/v1/beschikkingen", headers=provider)).json() == []


def _parse_links(header: str) -> list[tuple[str, str]]:
    out = []
    for part in header.split(", "):
        url, rel = part.split("; ")
        out.append((url.strip("<>"), rel.removeprefix('rel="').removesuffix('"')))
    return out


async def test_a_filter_on_an_unknown_report_matches_nothing(intake: RunningService, auth: Any) -> None:
    unknown = {"meldingId": "00000000-0000-0000-0000-000000000001"}
    response = await intake.client.get("/v1/verwijzingen", params=unknown, headers=auth())
    assert response.status_code == 200 and response.json() == []
    other = await created(
        intake,
        "/v1/meldingen",
        report(gemeenteMelding="GM0150", gemeenteVanHerkomst="GM0150"),
        auth("centrale-toegang", "CT-MIDDEN-IJSSEL"),
    )
    forbidden = await intake.client.get("/v1/verwijzingen", params={"meldingId": other["id"]}, headers=auth())
    assert forbidden.status_code == 403


async def test_an_early_signal_says_where_its_prevention_case_is(intake: RunningService, auth: Any) -> None:
    corporation = auth("woningcorporatie", "deltawonen")
    signal = {"gemeente": "GM0193", "signaalType": "betalingsachterstand", "huurder": report()["persoon"]}
    zaak = await created(intake, "/v1/vroegsignalen", signal, corporation)
    assert zaak["gemeente"] == "GM0193"
    assert (await intake.client.get(f"/v1/preventiezaken/{zaak['id']}", headers=auth("gemeente", "GM0150"))).status_code == 403


async def test_every_list_counts_its_matches(intake: RunningService, auth: Any) -> None:
    """The report list, counted by the service layer (journey_platform.paging): three reports, pages of two."""
    ct = auth()
    for _ in range(3):
        await created(intake, "/v1/meldingen", report(), ct)
    second = await intake.client.get("/v1/meldingen", params={"pagina": 2, "paginaGrootte": 2}, headers=ct)
    assert second.status_code == 200, second.text
    assert len(second.json()) == 1
    assert second.headers["x-total-count"] == "3"
    assert 'rel="last"' in second.headers["link"] and "pagina=2" in second.headers["link"]
    assert 'rel="next"' not in second.headers["link"]
