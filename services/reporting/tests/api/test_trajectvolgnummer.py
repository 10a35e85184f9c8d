"""Among events of the same moment, reporting orders a journey by the producer's number (`trajectvolgnummer`)."""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from journey_platform.testing.plugin import RunningService
from reporting.adapters.orm import Gebeurtenis
from reporting.replay import replay
from reporting.tests_support import Client, feed

CT = ("centrale-toegang", "CT-MIDDEN-IJSSEL")


async def test_events_of_the_same_moment_are_ordered_by_their_number(reporting: RunningService, auth: Any) -> None:
    client = Client("GM0150")
    day = date(2024, 5, 6)
    melding = client.melding(day).with_journey_sequence(1)
    same = datetime(2024, 5, 6, 22, 0, tzinfo=UTC)  # 00:00 on 7 May, Dutch time: the decision's own moment
    onderzoek = client.onderzoek(same).with_journey_sequence(2)
    besluit = client.besluit(date(2024, 5, 7), recorded=same).with_journey_sequence(3)
    assert onderzoek.time == besluit.time  # recorded at the same moment, and it is also when both happened
    await feed(reporting.container, [melding, besluit, onderzoek])  # the decision arrives first

    async def journey() -> dict[str, Any]:
        response = await reporting.client.get(f"/v1/trajecten/{client.traject_id}", headers=auth(*CT))
        body: dict[str, Any] = response.json()
        return body

    found = await journey()
    assert [i["gebeurtenis"] for i in found["tijdlijn"]] == [
        "melding-geregistreerd",
        "onderzoek-gestart",
        "beschikking-afgegeven",
    ]
    assert found["fase"] == "besloten"  # the screening came before the decision, as the producer numbered them
    async with reporting.container.sessionmaker() as session:
        assert sorted(n or 0 for n in await session.scalars(select(Gebeurtenis.volgnummer))) == [1, 2, 3]

    await replay(reporting.container.sessionmaker)
    assert await journey() == found
