"""The shared journey over HTTP: timeline and actors, late events, search, and who may see which journey."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from journey_platform.testing.plugin import RunningService
from reporting.entrypoints.app import VERSION
from reporting.tests_support import Client, at, facility, feed

SHELTER = uuid.uuid4()
D = date(2025, 3, 1)


def journey(c: Client) -> list[Any]:
    stay = uuid.uuid4()
    return [
        facility("acute-opvang", 32, "GM0150", facility_id=SHELTER),
        c.melding(D),
        c.onderzoek(D + timedelta(1)),
        c.besluit(D + timedelta(5)),
        c.opname(D + timedelta(6), SHELTER, opname_id=stay, provider="leger-des-heils"),
        c.uitstroomgereed(D + timedelta(70)),
    ]


async def test_one_journey_shows_its_phase_and_who_did_what_in_order(reporting: RunningService, auth: Any) -> None:
    c = Client("GM0150")
    await feed(reporting.container, journey(c))
    response = await reporting.client.get(f"/v1/trajecten/{c.traject_id}", headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["fase"] == "uitstroomgereed" and body["verantwoordelijkeGemeente"] == "GM0150"
    assert body["zorgaanbieders"] == ["leger-des-heils"]
    timeline = [(i["gebeurtenis"], i["actorType"], i["actor"], i["fase"]) for i in body["tijdlijn"]]
    assert timeline == [
        ("melding-geregistreerd", "centrale-toegang", None, "gemeld"),
        ("onderzoek-gestart", "centrale-toegang", "CT-MIDDEN-IJSSEL", "onderzoek"),
        ("beschikking-afgegeven", "centrale-toegang", None, "besloten"),
        ("opname-geregistreerd", "zorgaanbieder", "leger-des-heils", "in-opvang"),
        ("uitstroomgereed-verklaard", "zorgaanbieder", "leger-des-heils", "uitstroomgereed"),
    ]
    assert response.headers["API-Version"] == VERSION


async def test_late_events_give_the_same_journey_as_events_in_order(reporting: RunningService, auth: Any) -> None:
    in_order, shuffled = Client("GM0150"), Client("GM0150")
    await feed(reporting.container, journey(in_order))
    events = journey(shuffled)[1:]
    await feed(reporting.container, [events[4], events[2], events[0], events[3], events[1]])
    ct = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")
    a = (await reporting.client.get(f"/v1/trajecten/{in_order.traject_id}", headers=ct)).json()
    b = (await reporting.client.get(f"/v1/trajecten/{shuffled.traject_id}", headers=ct)).json()
    fields = ("fase", "faseSinds", "gemeenteMelding", "verantwoordelijkeGemeente", "zorgaanbieder", "geopendOp")
    assert {f: a[f] for f in fields} == {f: b[f] for f in fields}
    assert [(i["gebeurtenis"], i["fase"], i["actor"]) for i in a["tijdlijn"]] == [
        (i["gebeurtenis"], i["fase"], i["actor"]) for i in b["tijdlijn"]
    ]


async def test_who_may_see_a_journey(reporting: RunningService, auth: Any) -> None:
    c = Client("GM0150")
    await feed(reporting.container, journey(c))
    path = f"/v1/trajecten/{c.traject_id}"
    allowed = [auth("gemeente", "GM0150"), auth("centrale-toegang", "CT-MIDDEN-IJSSEL"), auth("zorgaanbieder", "leger-des-heils")]
    refused = [
        auth("gemeente", "GM0193"),
        auth("centrale-toegang", "CT-IJSSEL-VECHT"),
        auth("zorgaanbieder", "limor"),
        auth("woningcorporatie", "dewoonplaats"),
    ]
    for headers in allowed:
        assert (await reporting.client.get(path, headers=headers)).status_code == 200
    for headers in refused:
        response = await reporting.client.get(path, headers=headers)
        assert response.status_code == 403 and response.headers["content-type"].startswith("application/problem+json")
    assert (await reporting.client.get(f"/v1/trajecten/{uuid.uuid4()}", headers=allowed[0])).status_code == 404
    assert (await reporting.client.get(path)).status_code == 401


async def test_search_by_municipality_phase_and_time_in_phase_within_reach(reporting: RunningService, auth: Any) -> None:
    deventer, zwolle, reported = Client("GM0150"), Client("GM0193"), Client("GM0262")
    await feed(reporting.container, [*journey(deventer), *journey(zwolle), reported.melding(date.today())])
    ct = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")

    async def ids(headers: dict[str, str], **params: Any) -> set[str]:
        response = await reporting.client.get("/v1/trajecten", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return {t["id"] for t in response.json()}

    assert await ids(ct) == {str(deventer.traject_id), str(reported.traject_id)}
    assert await ids(ct, fase="uitstroomgereed") == {str(deventer.traject_id)}
    assert await ids(ct, gemeente="GM0262") == {str(reported.traject_id)}
    assert await ids(ct, minimaalDagenInFase=30) == {str(deventer.traject_id)}
    assert await ids(auth("zorgaanbieder", "leger-des-heils")) == {str(deventer.traject_id), str(zwolle.traject_id)}
    assert await ids(auth("gemeente", "GM0193")) == {str(zwolle.traject_id)}
    assert await ids(auth("woningcorporatie", "dewoonplaats")) == set()


async def test_bad_search_input_is_a_400_naming_each_field(reporting: RunningService, auth: Any) -> None:
    response = await reporting.client.get(
        "/v1/trajecten",
        params={"fase": "zwervend", "gemeente": "Deventer", "minimaalDagenInFase": -1, "inFaseSindsVoor": "0"},
        headers=auth(),
    )  # a number as a moment: was read as 1970 (found by fuzzing)
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {"fase", "gemeente", "minimaalDagenInFase", "inFaseSindsVoor"}
    assert (await reporting.client.get("/v1/trajecten/not-a-uuid", headers=auth())).status_code == 400


async def test_a_backdated_journey_is_in_its_phase_since_the_moment_its_payload_names(
    reporting: RunningService, auth: Any
) -> None:
    """`make demo` records a past year today: the phase began when the fact happened, not when it was recorded."""
    c, today = Client("GM0150"), datetime.now(UTC)
    stay = uuid.uuid4()
    await feed(
        reporting.container,
        [
            c.melding(D, recorded=today),
            c.besluit(D + timedelta(5), recorded=today + timedelta(seconds=1)),
            c.opname(D + timedelta(6), SHELTER, opname_id=stay, recorded=today + timedelta(seconds=2)),
        ],
    )
    body = (
        await reporting.client.get(f"/v1/trajecten/{c.traject_id}", headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))
    ).json()
    assert body["fase"] == "in-opvang"
    assert datetime.fromisoformat(body["faseSinds"]) == at(D + timedelta(6))


async def test_the_timeline_shows_when_each_fact_happened_and_when_it_was_recorded(reporting: RunningService, auth: Any) -> None:
    """An admission registered late (after the ready-to-leave declaration) sits where it happened, and says both."""
    c, stay = Client("GM0150"), uuid.uuid4()
    late = at(D + timedelta(80))
    await feed(
        reporting.container,
        [
            facility("acute-opvang", 32, "GM0150", facility_id=SHELTER),
            c.melding(D),
            c.besluit(D + timedelta(5)),
            c.uitstroomgereed(D + timedelta(70)),
            c.opname(D + timedelta(6), SHELTER, opname_id=stay, recorded=late),
        ],
    )
    body = (
        await reporting.client.get(f"/v1/trajecten/{c.traject_id}", headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))
    ).json()
    items = [(i["gebeurtenis"], i["moment"], i["vastgelegdOp"]) for i in body["tijdlijn"]]
    assert all(moment.endswith(("Z", "+00:00")) for _, moment, _ in items)  # API answers keep UTC timestamps
    # meldDatum and besluitDatum are dates: 00:00 Dutch time (CET, UTC+1) that day; the builders record at 12:00 UTC.
    assert [(name, datetime.fromisoformat(m), datetime.fromisoformat(r)) for name, m, r in items] == [
        ("melding-geregistreerd", datetime(2025, 2, 28, 23, 0, tzinfo=UTC), at(D)),
        ("beschikking-afgegeven", datetime(2025, 3, 5, 23, 0, tzinfo=UTC), at(D + timedelta(5))),
        ("opname-geregistreerd", at(D + timedelta(6)), late),
        ("uitstroomgereed-verklaard", at(D + timedelta(70)), at(D + timedelta(70))),
    ]


async def test_a_journey_stays_hidden_until_intakes_facts_arrive(reporting: RunningService, auth: Any) -> None:
    """Delivered out of order (a broker lost intake's report and the relay republished it after placement's
    admission had arrived): without its responsible municipality the journey is not shown, neither with a 403 to
    its own central access point nor without a municipality in lists and indicators; once intake's report is in,
    it is (policy.owner_facts_known)."""
    c = Client("GM0150")
    shelter = uuid.uuid4()
    ct = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")
    window = {"peildatum": "2025-03-31", "van": "2025-03-01", "tot": "2025-03-31"}

    async def seen() -> tuple[int, bool, int]:
        read = await reporting.client.get(f"/v1/trajecten/{c.traject_id}", headers=ct)
        listed = (await reporting.client.get("/v1/trajecten", params={"size": 100}, headers=ct)).json()
        figure = (await reporting.client.get("/v1/indicatoren/mo-unieke-clienten", params=window, headers=ct)).json()
        return read.status_code, str(c.traject_id) in {t["id"] for t in listed}, figure["waarde"]

    await feed(reporting.container, [facility("acute-opvang", 32, "GM0150", facility_id=shelter)])
    await feed(reporting.container, [c.opname(D + timedelta(6), shelter), c.onderzoek(D + timedelta(1))])
    assert await seen() == (404, False, 0)
    await feed(reporting.container, [c.melding(D)])
    # One client admitted to MO (acute-opvang) in March 2025 in GM0150, in the region of CT-MIDDEN-IJSSEL.
    assert await seen() == (200, True, 1)
