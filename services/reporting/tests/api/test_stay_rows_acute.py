"""`acuut-langer-dan-8-weken` in SQL (service_layer/sql_acute.py) at its edges, both ways (SQL over the rows, and the
pure definition): acute stays that ended on the 56th day (not past the maximum) and at 00:30 Dutch time on the 57th
(past; still the 56th in UTC), one that ended at 00:00 Dutch time on 1 April (not in March's period, in April's),
and one whose journey became another municipality's after the stay ended (counted there: the municipality as of
the reference date)."""

import uuid
from datetime import UTC, date, datetime, timedelta

from journey_platform.testing.plugin import RunningService
from reporting.domain.indicators.common import Window
from reporting.domain.indicators.history import start_of
from reporting.service_layer import sql_indicators
from reporting.tests_support import Client, facility, feed

from .test_stay_rows import equal_both_ways, equal_details, equal_when_rebuilt

CODE = "acuut-langer-dan-8-weken"


async def test_acute_stays_ended_around_the_maximum_the_period_and_a_later_change_of_municipality(
    reporting: RunningService,
) -> None:
    acute = uuid.uuid4()
    a, b, c, d = (Client("GM0150") for _ in range(4))
    stays = [uuid.uuid4() for _ in range(4)]
    admitted = datetime(2024, 1, 10, 12, tzinfo=UTC)
    events = [
        facility("acute-opvang", 20, "GM0150", facility_id=acute),
        *(client.melding(date(2024, 1, 2)) for client in (a, b, c, d)),
        a.opname(admitted, acute, opname_id=stays[0]),
        a.uitgestroomd(datetime(2024, 3, 6, 22, 30, tzinfo=UTC), acute, stays[0]),  # 23:30 on 6-3: day 56
        b.opname(admitted, acute, opname_id=stays[1]),
        b.uitgestroomd(datetime(2024, 3, 6, 23, 30, tzinfo=UTC), acute, stays[1]),  # 00:30 on 7-3: day 57
        c.opname(date(2024, 2, 1), acute, opname_id=stays[2]),
        c.uitgestroomd(start_of(date(2024, 4, 1)), acute, stays[2]),  # 00:00 Dutch time on 1 April
        d.opname(date(2024, 1, 5), acute, opname_id=stays[3]),
        d.uitgestroomd(date(2024, 3, 10), acute, stays[3]),
        d.gemeente_gewijzigd(date(2024, 3, 20), "GM0193"),
    ]
    await feed(reporting.container, events)
    peildata = [date(2024, 2, 1) + timedelta(days=n) for n in range(0, 90, 3)] + [date(2024, 3, 31), date(2024, 4, 1)]
    assert await equal_both_ways(reporting.container, peildata) > 0
    await equal_details(reporting.container, date(2024, 4, 30))
    march = Window(date(2024, 3, 1), date(2024, 3, 31), date(2024, 3, 31))
    async with reporting.container.uow() as uow:
        [(values, each)] = await sql_indicators.stock(uow.session, CODE, [march], None, ["GM0150", "GM0193"], [])
    assert values == {
        "inAcuteOpvang": 1,  # c: admitted 1-2, past its maximum of 28-3, leaving at the end of 31-3
        "langerDan8Weken": 1,
        "aandeelLangerDan8Weken": 100.0,
        "beeindigd": 3,  # a, b and d (c left after March)
        "beeindigdLangerDan8Weken": 2,  # b and d
    }
    assert (each["GM0150"]["beeindigd"], each["GM0193"]["beeindigd"], each["GM0193"]["beeindigdLangerDan8Weken"]) == (2, 1, 1)
    await equal_when_rebuilt(reporting.container)
