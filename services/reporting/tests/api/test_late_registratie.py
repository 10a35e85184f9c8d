"""Late registration (docs/late-registration.md): reporting counts a fact on the day it happened, not the day it was
recorded. A night-time admission in De Herberg at 23:30 on Sunday 31 December 2023 (Dutch time), registered the next
morning at 08:30 on 1 January 2024 (the event's `time`, marked `laatgeregistreerd`), belongs to 2023."""

import uuid
from datetime import UTC, date, datetime
from typing import Any

from journey_platform.dutch_calendar import NL
from journey_platform.messaging.envelope import LATE_REGISTERED
from journey_platform.testing.plugin import RunningService
from reporting.tests_support import Client, facility, feed

HERBERG = uuid.uuid4()
CT_IV = ("centrale-toegang", "CT-IJSSEL-VECHT")
NIGHT = datetime(2023, 12, 31, 23, 30, tzinfo=NL)  # 22:30 UTC
MORNING = datetime(2024, 1, 1, 8, 30, tzinfo=NL)  # 07:30 UTC: recorded the next morning, in the next year


async def _night_admission(reporting: RunningService) -> Client:
    client = Client("GM0193")
    opname = client.opname(NIGHT, HERBERG, gemeente="GM0193", recorded=MORNING.astimezone(UTC))
    await feed(
        reporting.container,
        [
            facility("acute-opvang", 32, "GM0193", facility_id=HERBERG),
            client.melding(date(2023, 12, 31)),
            opname.with_extensions({LATE_REGISTERED: True}),
        ],
    )
    return client


async def test_a_night_time_admission_registered_the_next_morning_counts_on_its_real_day(
    reporting: RunningService, auth: Any
) -> None:
    client = await _night_admission(reporting)
    get = reporting.client.get
    # occupancy at the end of 31 December 2023: the client slept in De Herberg that night → 1 of 32 places
    occupancy = await get("/v1/indicatoren/opvangbezetting", params={"peildatum": "2023-12-31"}, headers=auth(*CT_IV))
    assert occupancy.status_code == 200, occupancy.text
    assert occupancy.json()["waarde"] == 3.1  # 1 / 32 = 3.125 %, one decimal
    # unique MO clients in 2023: the stay overlaps 2023 by half an hour, so the client counts in 2023
    year = {"peildatum": "2023-12-31", "van": "2023-01-01", "tot": "2023-12-31"}
    unique = await get("/v1/indicatoren/mo-unieke-clienten", params=year, headers=auth(*CT_IV))
    assert unique.status_code == 200, unique.text
    assert unique.json()["waarde"] == 1

    # the journey shows both moments: the night it happened, the morning it was recorded
    journey = await get(f"/v1/trajecten/{client.traject_id}", headers=auth(*CT_IV))
    assert journey.status_code == 200, journey.text
    [opname] = [e for e in journey.json()["tijdlijn"] if e["gebeurtenis"] == "opname-geregistreerd"]
    assert datetime.fromisoformat(opname["moment"]) == NIGHT
    assert datetime.fromisoformat(opname["vastgelegdOp"]) == MORNING
    assert opname["registratie"] == "laat"  # from the CloudEvents extension laatgeregistreerd
    [melding] = [e for e in journey.json()["tijdlijn"] if e["gebeurtenis"] == "melding-geregistreerd"]
    assert melding.get("registratie") is None  # live
