"""Each journey event carries its journey's number (`trajectvolgnummer`), set by intake in the transaction that
writes the outbox row: 1, 2, 3, ... per journey, in commit order, also when writers race."""

import asyncio
import json
import re
import uuid
from typing import Any

from intake.tests_support import outbox_events
from journey_platform.contracts.intake import OnderzoekGestart
from journey_platform.messaging.envelope import JOURNEY_SEQUENCE, parse_event
from journey_platform.testing.plugin import RunningService

from .conftest import report


async def test_the_events_of_each_journey_are_numbered_from_one(intake: RunningService, auth: Any) -> None:
    ct = auth()
    first = (await intake.client.post("/v1/meldingen", json=report(), headers=ct)).json()
    other = (
        await intake.client.post(
            "/v1/meldingen",
            json=report(persoon={"achternaam": "Smit", "voornaam": "Jan", "geboortedatum": "1975-02-03"}),
            headers=ct,
        )
    ).json()
    screening = await intake.client.post("/v1/onderzoeken", json={"meldingId": first["id"], "metPsychiater": False}, headers=ct)
    assert screening.status_code == 201, screening.text

    numbers: dict[str, list[int]] = {}
    for event in await outbox_events(intake):
        numbers.setdefault(event["subject"], []).append(event[JOURNEY_SEQUENCE])
    assert numbers == {first["trajectId"]: [1, 2], other["trajectId"]: [1]}
    # A CloudEvents 1.0 extension attribute: a lowercase alphanumeric name, an Integer, read back by consumers.
    assert re.fullmatch(r"[a-z0-9]{1,20}", JOURNEY_SEQUENCE)
    last = parse_event(json.dumps((await outbox_events(intake))[-1]).encode())
    assert last.journey_sequence == 2 and last.subject == first["trajectId"]


async def test_racing_writers_get_distinct_numbers_in_commit_order(intake: RunningService) -> None:
    traject_id, client_id = uuid.uuid4(), uuid.uuid4()

    async def screen() -> None:
        async with intake.container.uow() as uow:
            uow.publish(
                OnderzoekGestart(
                    traject_id=traject_id,
                    client_id=client_id,
                    onderzoek_id=uuid.uuid4(),
                    melding_id=uuid.uuid4(),
                    uitgevoerd_door="CT-IJSSEL-VECHT",
                    met_psychiater=False,
                )
            )
            await uow.commit()

    await asyncio.gather(*(screen() for _ in range(5)))
    ours = [e for e in await outbox_events(intake) if e["subject"] == str(traject_id)]
    assert [e[JOURNEY_SEQUENCE] for e in ours] == [1, 2, 3, 4, 5]  # outbox order (the relay's) is number order
