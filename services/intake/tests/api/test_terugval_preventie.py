"""A relapse signal during aftercare (housing's terugvalsignaal-gemeld) opens prevention for the plan's local team at
once (docs/aftercare.md), once per signal."""

import uuid
from datetime import UTC, datetime
from typing import Any

from intake.tests_support import HOUSING_SOURCE, deliver, outbox_events
from journey_platform.contracts import housing as hv
from journey_platform.testing.plugin import RunningService

from .conftest import report


async def test_a_relapse_signal_opens_a_prevention_case_for_the_local_team(intake: RunningService, auth: Any) -> None:
    first = (await intake.client.post("/v1/meldingen", json=report(), headers=auth())).json()
    signal = hv.TerugvalsignaalGemeld(
        traject_id=uuid.UUID(first["trajectId"]),
        client_id=uuid.UUID(first["persoonId"]),
        nazorgplan_id=uuid.uuid4(),
        terugvalsignaal_id=uuid.uuid4(),
        gemeente="GM0166",
        bron=hv.TerugvalBron.woningcorporatie,
        signaal=hv.TerugvalSignaal.huurachterstand,
        gemeld_door="dewoonplaats",
        gemeld_op=datetime.now(UTC),
    )
    await deliver(intake, signal, HOUSING_SOURCE)
    await deliver(intake, signal, HOUSING_SOURCE)  # redelivered: still one case
    opened = [e["data"] for e in await outbox_events(intake) if ".preventiezaak-geopend." in e["type"]]
    assert len(opened) == 1
    assert (opened[0]["gemeente"], opened[0]["signaalType"], opened[0]["woningNodig"]) == (
        "GM0166",
        "terugval-huurachterstand",
        False,
    )
    assert opened[0]["trajectId"] == first["trajectId"]  # the episode was still open
    cases = (await intake.client.get("/v1/preventiezaken", headers=auth("gemeente", "GM0166"))).json()
    assert [c["id"] for c in cases] == [opened[0]["preventiezaakId"]]
