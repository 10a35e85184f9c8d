"""Golden test of `plannen-met-ervaringsdeskundige` (docs/indicators.md, item 19): support and aftercare plans naming a
peer expert, every expected value worked out by hand (Midden-IJssel, 2024, reference date 31-12-2024)."""

import uuid
from datetime import UTC, date, datetime

from journey_platform.contracts import placement
from journey_platform.messaging.envelope import CloudEvent
from reporting.domain.indicators.catalogue import BY_CODE
from reporting.domain.indicators.common import Window
from reporting.domain.indicators.participation import plannen_met_ervaringsdeskundige
from reporting.tests_support import Client, at, emit, history

MIDDEN_IJSSEL = frozenset({"GM0150", "GM0262", "GM1773", "GM0177", "GM0301"})
NEW_YEAR_2024 = datetime(2023, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January 2024 in Dutch time


def plan(c: Client, on: date | datetime, plan_id: uuid.UUID, versie: int, peer: str | None) -> CloudEvent:
    return emit(
        placement.OndersteuningsplanVastgesteld(
            **c._ids(),
            plan_id=plan_id,
            versie=versie,
            zorgaanbieder="ribw",
            regisseur_organisatie="CT-MIDDEN-IJSSEL",
            levensdomeinen=["wonen"],
            vastgesteld_op=at(on),
            ervaringsdeskundige_betrokken=peer is not None,
            ervaringsdeskundige_organisatie=peer,
        ),
        at(on),
    )


def aftercare(c: Client, on: date, gemeente: str, peer: str | None) -> CloudEvent:
    event = c.nazorgplan(on, uuid.uuid4(), gemeente=gemeente)
    if peer is not None:
        event.data.update({"ervaringsdeskundigeBetrokken": True, "ervaringsdeskundigeOrganisatie": peer})
    return event


def test_plans_with_a_peer_expert() -> None:
    a, b, c, d, e, f, g = (Client(m) for m in ("GM0150", "GM0150", "GM0301", "GM0150", "GM0150", "GM0150", "GM0262"))
    p1, p2, p3, p4 = (uuid.uuid4() for _ in range(4))
    h = history(
        *(x.melding(date(2023, 10, 1)) for x in (a, b, c, d, e, f, g)),
        plan(a, date(2024, 3, 1), p1, 1, None),
        plan(a, date(2024, 6, 1), p1, 2, "ribw"),  # P1: the last version in 2024 names one → with
        plan(b, date(2024, 2, 1), p2, 1, "ribw"),
        plan(b, date(2024, 9, 1), p2, 2, None),  # P2: the last version names none → without
        plan(c, NEW_YEAR_2024, p3, 1, "leger-des-heils"),  # P3: 00:30 on 1-1-2024 Dutch → 2024, Zutphen, with
        plan(d, date(2023, 12, 15), p4, 1, "ribw"),  # P4: agreed in 2023 → not counted
        aftercare(e, date(2024, 4, 10), "GM0150", "leger-des-heils"),  # N1: Deventer, with
        aftercare(f, date(2024, 5, 1), "GM0193", "leger-des-heils"),  # N2: the home is in Zwolle → not this region
        aftercare(g, date(2024, 7, 1), "GM0262", None),  # N3: Lochem, without
    )
    snapshot = h.as_of(date(2024, 12, 31))
    region = Window(date(2024, 1, 1), date(2024, 12, 31), date(2024, 12, 31), MIDDEN_IJSSEL, MIDDEN_IJSSEL)
    # Region: support P1, P2, P3 (2 with: P1, P3); aftercare N1, N3 (1 with: N1); 3 of 5 = 60.0%.
    assert plannen_met_ervaringsdeskundige(snapshot, region) == {
        "ondersteuningsplannen": 3,
        "ondersteuningsplannenMetErvaringsdeskundige": 2,
        "nazorgplannen": 2,
        "nazorgplannenMetErvaringsdeskundige": 1,
        "plannen": 5,
        "plannenMetErvaringsdeskundige": 3,
        "aandeelMetErvaringsdeskundige": 60.0,
    }
    # Deventer alone: P1 (with), P2 (without), N1 (with): 2 of 3 = 66.7%.
    deventer = Window(date(2024, 1, 1), date(2024, 12, 31), date(2024, 12, 31), frozenset({"GM0150"}), MIDDEN_IJSSEL)
    values = plannen_met_ervaringsdeskundige(snapshot, deventer)
    assert (values["plannen"], values["plannenMetErvaringsdeskundige"], values["aandeelMetErvaringsdeskundige"]) == (3, 2, 66.7)
    assert BY_CODE["plannen-met-ervaringsdeskundige"].kop == "plannenMetErvaringsdeskundige"
