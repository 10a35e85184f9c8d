"""GET /v1/ervaringen: a golden test with numbers worked out by hand (a municipality of 4 suppressed, and the smallest
shown one with it), the trend per month, and who sees which scope."""

import uuid
from typing import Any

from journey_platform.testing.plugin import RunningService
from reporting.experience.adapters.orm import Ervaringsantwoord

CT = ("centrale-toegang", "CT-IJSSEL-VECHT")


def answer(gemeente: str, periode: str, **scores: int) -> Ervaringsantwoord:
    return Ervaringsantwoord(
        id=uuid.uuid4(),
        regio="ijssel-vecht",
        gemeente=gemeente,
        moment="tijdens-opvang",
        fase="in-opvang",
        periode=periode,
        vragenlijst_versie=1,
        scores={k.replace("_", "-"): v for k, v in scores.items()},
        verhaal=None,
    )


# Zwolle, March: 7 answers, 6 scoring safety: 4.5, 2, 5, 3.5, 4, 1 → sum 20, mean 3.33; positive (>= 4): 3 → 0.5.
def zwolle() -> list[Ervaringsantwoord]:
    return [
        answer("GM0193", "2026-03", veilig_gevoeld=4, veilig_opvang=5, hulp_past=5),
        answer("GM0193", "2026-03", veilig_gevoeld=2),
        answer("GM0193", "2026-03", veilig_gevoeld=5, veilig_opvang=5),
        answer("GM0193", "2026-03", veilig_gevoeld=3, veilig_opvang=4),
        answer("GM0193", "2026-03", veilig_gevoeld=4),
        answer("GM0193", "2026-03", hulp_past=4),
        answer("GM0193", "2026-03", veilig_opvang=1),
    ]


# Kampen, March: 4 answers, all 5 → a group of 4: suppressed.
def kampen() -> list[Ervaringsantwoord]:
    return [answer("GM0166", "2026-03", veilig_gevoeld=5) for _ in range(4)]


# Dalfsen, April: 3, 3, 4, 4, 5 → sum 19, mean 3.8; positive 3 → 0.6. Shown alone, but suppressed beside Kampen's
# four (otherwise region minus Zwolle minus Dalfsen gives Kampen).
def dalfsen() -> list[Ervaringsantwoord]:
    return [answer("GM0148", "2026-04", veilig_gevoeld=s) for s in (3, 3, 4, 4, 5)]


# Outside the period (February), and in the other region: never counted here.
def other() -> list[Ervaringsantwoord]:
    return [answer("GM0193", "2026-02", veilig_gevoeld=1), answer("GM0150", "2026-03", veilig_gevoeld=1)]


async def store(reporting: RunningService) -> None:
    async with reporting.container.uow() as uow:
        uow.session.add_all([*zwolle(), *kampen(), *dalfsen(), *other()])
        await uow.commit()


def theme(cells: list[dict[str, Any]], code: str) -> tuple[Any, ...]:
    c = next(c for c in cells if c["thema"] == code)
    return c["aantal"], c["gemiddelde"], c["aandeelPositief"], c["onderdrukt"]


async def test_golden_region_municipalities_and_trend(reporting: RunningService, auth: Any) -> None:
    await store(reporting)
    response = await reporting.client.get("/v1/ervaringen?regio=ijssel-vecht&van=2026-03&tot=2026-04", headers=auth(*CT))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["regio"], body["gemeente"], body["minimumAantal"]) == ("ijssel-vecht", None, 5)
    # Region: 6 + 4 + 5 = 15 answers; sum 20 + 20 + 19 = 59 → 3.93; positive 3 + 4 + 3 = 10 → 0.667.
    assert theme(body["themas"], "veiligheid") == (15, 3.93, 0.667, False)
    assert theme(body["themas"], "kwaliteit") == (None, None, None, True)  # 2 answers
    assert theme(body["themas"], "toegang") == (None, None, None, True)  # none
    per = {g["gemeente"]: theme(g["themas"], "veiligheid") for g in body["perGemeente"]}
    assert per == {
        "GM0148": (None, None, None, True),  # 5, suppressed beside Kampen's 4
        "GM0166": (None, None, None, True),  # 4
        "GM0193": (6, 3.33, 0.5, False),
    }
    trend = {g["periode"]: theme(g["themas"], "veiligheid") for g in body["trend"]}
    # March: Zwolle 6 + Kampen 4 = 10, sum 40 → 4.0, positive 7 → 0.7; April: Dalfsen's 5.
    assert trend == {"2026-03": (10, 4.0, 0.7, False), "2026-04": (5, 3.8, 0.6, False)}


async def test_a_municipality_alone_and_who_sees_what(reporting: RunningService, auth: Any) -> None:
    await store(reporting)
    query = "/v1/ervaringen?gemeente=GM0193&van=2026-03&tot=2026-03"
    own = await reporting.client.get(query, headers=auth("gemeente", "GM0193"))
    assert own.status_code == 200 and theme(own.json()["themas"], "veiligheid") == (6, 3.33, 0.5, False)
    assert own.json()["perGemeente"] == []
    for who in (("gemeente", "GM0166"), ("centrale-toegang", "CT-MIDDEN-IJSSEL"), ("zorgaanbieder", "leger-des-heils")):
        assert (await reporting.client.get(query, headers=auth(*who))).status_code == 403, who
    bad = await reporting.client.get("/v1/ervaringen?van=2026-13&tot=maart&moment=ooit", headers=auth(*CT))
    assert bad.status_code == 400 and {p["name"] for p in bad.json()["invalidParams"]} == {"van", "tot", "moment"}
    backwards = await reporting.client.get("/v1/ervaringen?van=2026-04&tot=2026-03", headers=auth(*CT))
    assert backwards.status_code == 400 and backwards.json()["invalidParams"][0]["name"] == "tot"
