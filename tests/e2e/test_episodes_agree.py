"""End to end over the real broker and PostgreSQL: intake, placement, housing and reporting agree on one journey
(episode) after a repeat report elsewhere, a change of responsible municipality, a closure and a return: the same
responsible municipality, the same lifecycle, and the same 200 or 403 for every case worker in every service."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest

from journey_platform.testing.plugin import RunningService

from .conftest import a_report

pytestmark = pytest.mark.e2e
T = TypeVar("T")

# Case workers, and what they may see of the journey; zwolle: the municipality of the journey's first report.
PRINCIPALS = {
    "gm-zwolle": ("gemeente", "GM0193"),
    "gm-kampen": ("gemeente", "GM0166"),
    "gm-deventer": ("gemeente", "GM0150"),
    "ct-ijssel-vecht": ("centrale-toegang", "CT-IJSSEL-VECHT"),
    "ct-midden-ijssel": ("centrale-toegang", "CT-MIDDEN-IJSSEL"),
}


async def eventually(probe: Callable[[], Awaitable[T | None]], within: float = 90.0) -> T:
    deadline = asyncio.get_running_loop().time() + within
    while True:
        found = await probe()
        if found:
            return found
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail("the services did not come to agree in time")
        await asyncio.sleep(0.25)


async def _journey_everywhere(services: dict[str, RunningService], traject_id: str, auth: Any) -> dict[str, dict[str, Any]]:
    ct = auth("centrale-toegang", "CT-IJSSEL-VECHT")
    found = {}
    for name, service in services.items():
        response = await service.client.get(f"/v1/trajecten/{traject_id}", headers=ct)
        if response.status_code == 200:
            found[name] = response.json()
    return found


def agreeing(**expected: Any) -> Callable[[dict[str, dict[str, Any]]], bool]:
    def check(views: dict[str, dict[str, Any]]) -> bool:
        return len(views) == 4 and all(all(v.get(k) == want for k, want in expected.items()) for v in views.values())

    return check


async def until_agreed(services: dict[str, RunningService], traject_id: str, auth: Any, **expected: Any) -> dict[str, Any]:
    check = agreeing(**expected)

    async def probe() -> dict[str, dict[str, Any]] | None:
        views = await _journey_everywhere(services, traject_id, auth)
        return views if check(views) else None

    return await eventually(probe)


async def answers(services: dict[str, RunningService], traject_id: str, auth: Any) -> dict[str, dict[str, int]]:
    """Per service, per organisation: the status of GET /trajecten/{trajectId}."""
    table: dict[str, dict[str, int]] = {}
    for name, service in services.items():
        table[name] = {
            who: (await service.client.get(f"/v1/trajecten/{traject_id}", headers=auth(*principal))).status_code
            for who, principal in PRINCIPALS.items()
        }
    return table


def same_answer_everywhere(table: dict[str, dict[str, int]], expected: dict[str, int]) -> None:
    for service, row in table.items():
        assert row == expected, f"{service} answers {row}, expected {expected} (as every other service)"


async def test_every_service_agrees_after_a_responsibility_change_a_closure_and_a_return(
    broker: Any, start_service: Any, auth: Any
) -> None:
    quiet = {"deadline_watcher_enabled": False, "retention_job_enabled": False, "episode_job_enabled": False}
    intake: RunningService = await start_service("intake", broker=broker, **quiet)
    services = {
        "intake": intake,
        "placement": await start_service("placement", broker=broker),
        "housing": await start_service("housing", broker=broker),
        "reporting": await start_service("reporting", broker=broker),
    }
    ct = auth("centrale-toegang", "CT-IJSSEL-VECHT")
    person = {"achternaam": "Episode", "voornaam": "Quirine", "geboortedatum": "1975-06-15"}

    # A first report in Zwolle: Zwolle is responsible (woonplaatsbeginsel, by rule at the first report).
    first = (await intake.client.post("/v1/meldingen", json=a_report(persoon=person), headers=ct)).json()
    traject = first["trajectId"]
    # A repeat report in Kampen that names Kampen as origin: the journey stays Zwolle's in every service.
    repeat = a_report(persoon=person, gemeenteMelding="GM0166", gemeenteVanHerkomst="GM0166")
    repeated = (await intake.client.post("/v1/meldingen", json=repeat, headers=ct)).json()
    assert repeated["trajectId"] == traject and repeated["verantwoordelijkeGemeente"] == "GM0193"

    async def reporting_saw_the_repeat() -> bool:
        journey = (await services["reporting"].client.get(f"/v1/trajecten/{traject}", headers=ct)).json()
        return len(journey.get("tijdlijn") or []) == 2

    await eventually(reporting_saw_the_repeat)
    await until_agreed(services, traject, auth, verantwoordelijkeGemeente="GM0193", gemeenteMelding="GM0193", status="open")
    zwolle_only = {"gm-zwolle": 200, "gm-kampen": 403, "gm-deventer": 403, "ct-ijssel-vecht": 200, "ct-midden-ijssel": 403}
    same_answer_everywhere(await answers(services, traject, auth), zwolle_only)

    # The explicit change, with a reason: Deventer becomes responsible, in every service.
    change = {"gemeente": "GM0150", "reden": "woont sinds jaren in Deventer"}
    changed = await intake.client.put(f"/v1/trajecten/{traject}/verantwoordelijke-gemeente", json=change, headers=ct)
    assert changed.status_code == 200, changed.text
    await until_agreed(services, traject, auth, verantwoordelijkeGemeente="GM0150", gemeenteMelding="GM0193")
    both = {"gm-zwolle": 200, "gm-kampen": 403, "gm-deventer": 200, "ct-ijssel-vecht": 200, "ct-midden-ijssel": 200}
    same_answer_everywhere(await answers(services, traject, auth), both)

    # A closure: the client left the region. Every service follows intake's reason and moment.
    closed = await intake.client.post(
        f"/v1/trajecten/{traject}/afsluiting", json={"redenCode": "vertrokken-uit-regio"}, headers=ct
    )
    assert closed.status_code == 200, closed.text
    views = await until_agreed(services, traject, auth, status="gesloten", afsluitreden="vertrokken-uit-regio")
    assert len({v["geslotenOp"][:19] for v in views.values()}) == 1, views  # the same moment everywhere
    assert views["reporting"]["fase"] == "afgesloten"
    same_answer_everywhere(await answers(services, traject, auth), both)

    # A return: a new report opens a new journey, marked as a return; the earlier keeps its end state.
    back = (await intake.client.post("/v1/meldingen", json=a_report(persoon=person), headers=ct)).json()
    new = back["trajectId"]
    assert new != traject and back["persoonId"] == first["persoonId"]
    views = await until_agreed(services, new, auth, verantwoordelijkeGemeente="GM0193", status="open")
    assert views["reporting"]["fase"] == "gemeld"
    assert views["reporting"]["terugval"] is True and views["reporting"]["vorigTrajectId"] == traject
    assert views["intake"]["terugval"] is True and views["intake"]["vorigTrajectId"] == traject
    assert views["intake"]["dagenSindsVorigTraject"] == views["reporting"]["dagenSindsVorigTraject"] == 0
    earlier = await _journey_everywhere(services, traject, auth)
    assert all(v["status"] == "gesloten" for v in earlier.values())
    assert earlier["reporting"]["fase"] == "afgesloten"
    same_answer_everywhere(await answers(services, new, auth), zwolle_only)
