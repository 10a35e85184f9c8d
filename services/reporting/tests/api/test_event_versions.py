"""Reporting keeps each event as received and reads it as the newest version of its contract: a stored `.v1`
history replays through a `.v2` contract (test-only, journey_platform.testing.versions)."""

from datetime import date
from typing import Any

from sqlalchemy import select

from journey_platform.testing.plugin import RunningService
from journey_platform.testing.versions import onderzoek_gestart_v2
from reporting.adapters.orm import Gebeurtenis
from reporting.replay import replay
from reporting.tests_support import Client, feed, synthetic_events

CT = ("centrale-toegang", "CT-MIDDEN-IJSSEL")
V1 = "nl.opvangketen.intake.onderzoek-gestart.v1"


async def journeys(reporting: RunningService, auth: Any) -> list[dict[str, Any]]:
    headers = auth(*CT)
    listed = (await reporting.client.get("/v1/trajecten", headers=headers)).json()
    details = [(await reporting.client.get(f"/v1/trajecten/{j['id']}", headers=headers)).json() for j in listed]
    return sorted(details, key=lambda d: d["id"])


def screenings(details: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for d in details for i in d["tijdlijn"] if i["gebeurtenis"] == "onderzoek-gestart"]


async def stored_types(reporting: RunningService) -> set[str]:
    async with reporting.container.sessionmaker() as session:
        return set(await session.scalars(select(Gebeurtenis.event_type)))


async def test_a_stored_v1_history_replays_through_a_v2_contract(reporting: RunningService, auth: Any) -> None:
    events = synthetic_events(4, seed=3)
    await feed(reporting.container, events)
    before = await journeys(reporting, auth)
    assert len(screenings(before)) == 4 and all("uitvoerderType" not in i["gegevens"] for i in screenings(before))

    with onderzoek_gestart_v2():
        result = await replay(reporting.container.sessionmaker)
        after = await journeys(reporting, auth)

    assert result.events == len(events) and result.journeys == 4
    assert V1 in await stored_types(reporting), "the history keeps what was received"
    # The timeline shows each screening in its v2 form (upcast from v1: central access screened) ...
    for item in screenings(after):
        assert item["gegevens"].pop("uitvoerderType") == "centrale-toegang"
    # ... and apart from that the journeys are the same as before the replay.
    assert after == before


async def test_a_v1_event_arriving_when_v2_is_known_is_kept_as_v1_and_shown_as_v2(reporting: RunningService, auth: Any) -> None:
    client = Client("GM0150")
    with onderzoek_gestart_v2():
        await feed(reporting.container, [client.melding(date(2024, 3, 1)), client.onderzoek(date(2024, 3, 2), door="GM0150")])
        [journey] = await journeys(reporting, auth)
    [screening] = screenings([journey])
    assert screening["gegevens"]["uitvoerderType"] == "lokale-toegang" and journey["fase"] == "onderzoek"
    assert V1 in await stored_types(reporting)
