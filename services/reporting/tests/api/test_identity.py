"""Reporting follows intake's merges and splits of persons (issue 13, item 1): an alias and the known person it
turns out to be count as one unique person after the merge, as two again after the split, also after a replay,
and a late event of the merged journey that still names the old client id does not count as another person."""

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from journey_platform.contracts.identity import PersonenSamengevoegd, PersoonGesplitst
from journey_platform.testing.plugin import RunningService
from reporting.adapters.orm import Gebeurtenis
from reporting.replay import replay
from reporting.service_layer.identity import on_identity_changed
from reporting.tests_support import Client, emit, feed

CT = ("centrale-toegang", "CT-MIDDEN-IJSSEL")
PARAMS = {"regio": "midden-ijssel", "peildatum": "2024-12-31", "van": "2024-01-01", "tot": "2024-12-31"}
MOMENT = datetime(2024, 6, 1, 12, tzinfo=UTC)


async def reports(reporting: RunningService, auth: Any) -> dict[str, Any]:
    response = await reporting.client.get("/v1/indicatoren", params=PARAMS, headers=auth(*CT))
    assert response.status_code == 200, response.text
    return next(i["waarden"] for i in response.json() if i["code"] == "meldingen")


async def apply(reporting: RunningService, contract: Any) -> None:
    async with reporting.container.uow() as uow:
        await on_identity_changed(emit(contract, MOMENT), uow)
        await uow.commit()


async def test_a_merge_counts_one_person_and_its_split_two_again(reporting: RunningService, auth: Any) -> None:
    alias, known = Client("GM0150"), Client("GM0150")
    await feed(reporting.container, [alias.melding(date(2024, 3, 1)), known.melding(date(2024, 5, 1))])
    assert (await reports(reporting, auth))["uniekePersonen"] == 2

    merge_id = uuid.uuid4()
    merged = PersonenSamengevoegd(
        samenvoeging_id=merge_id,
        client_id=known.client_id,
        opgegaan_client_id=alias.client_id,
        traject_ids=[alias.traject_id],
        samengevoegd_op=MOMENT,
    )
    await apply(reporting, merged)
    assert await reports(reporting, auth) == {"meldingen": 2, "uniekePersonen": 1, "herhaalmeldingen": 0}
    journey = (await reporting.client.get(f"/v1/trajecten/{alias.traject_id}", headers=auth(*CT))).json()
    assert journey["clientId"] == str(known.client_id)
    # a late event of the merged journey, sent before the merge under the alias's id, is kept under the journey's
    await feed(reporting.container, [alias.melding(date(2024, 3, 2))])
    assert (await reports(reporting, auth))["uniekePersonen"] == 1
    await replay(reporting.container.sessionmaker)
    assert (await reports(reporting, auth))["uniekePersonen"] == 1

    split = PersoonGesplitst(
        samenvoeging_id=merge_id,
        splitsing_id=uuid.uuid4(),
        client_id=alias.client_id,
        van_client_id=known.client_id,
        traject_ids=[alias.traject_id],
        gesplitst_op=MOMENT,
    )
    await apply(reporting, split)
    assert (await reports(reporting, auth))["uniekePersonen"] == 2
    await replay(reporting.container.sessionmaker)
    assert (await reports(reporting, auth))["uniekePersonen"] == 2
    async with reporting.container.sessionmaker() as session:
        named = {
            d["clientId"]
            for d in await session.scalars(select(Gebeurtenis.data).where(Gebeurtenis.traject_id == alias.traject_id))
        }
    assert named == {str(alias.client_id)}
