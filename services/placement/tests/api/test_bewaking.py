"""The watcher's round on the real database, with an injected moment: maximum near and passed, short stays that
end, overdue check-ins and their worklist."""

import dataclasses
from datetime import UTC, datetime, time, timedelta
from typing import Any

from journey_platform.contracts import intake as iv
from journey_platform.testing.plugin import RunningService
from placement.adapters.unit_of_work import unit_of_work
from placement.domain import stays as rules
from placement.service_layer.watch import bewaak
from placement.tests_support import deliver, nl_today, outbox_events

from .conftest import CT, admit, new_client, new_facility


def noon_on_day(stay: dict[str, Any], days_after_admission: int) -> datetime:
    """Noon (Dutch time) on a day counted from the admission, so daylight saving never shifts the date."""
    admitted = datetime.fromisoformat(stay["opgenomenOp"]).astimezone(rules.NL).date()
    return datetime.combine(admitted + timedelta(days=days_after_admission), time(12), tzinfo=rules.NL)


async def watch(placement: RunningService, now: datetime) -> int:
    async with unit_of_work(placement.container) as uow:
        return await bewaak(uow, placement.container.extras["context"], now)


async def test_acute_stay_signals_near_and_past_its_maximum_once(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    stay = (await admit(placement, auth, await new_client(placement), herberg)).json()
    assert await watch(placement, noon_on_day(stay, 48)) == 0  # 8 days left
    assert await watch(placement, noon_on_day(stay, 50)) == 1
    assert await watch(placement, noon_on_day(stay, 51)) == 0  # already warned
    assert await watch(placement, noon_on_day(stay, 57)) == 1
    assert await watch(placement, noon_on_day(stay, 58)) == 0
    near = (await outbox_events(placement, "verblijf-nadert-maximum"))[0]["data"]
    assert near["opnameId"] == stay["id"] and near["dagenResterend"] == 6 and near["maximumOp"] == stay["maximumDatum"]
    assert len(await outbox_events(placement, "verblijf-maximum-overschreden")) == 1


async def test_short_stay_ends_after_its_term_unless_extended(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth, capaciteitPlaatsen=5)
    stays = []
    for _ in range(2):
        client = await new_client(placement, herkomst="GM0150")
        await deliver(
            placement,
            iv.KortVerblijfToegekend(
                traject_id=client.traject_id,
                client_id=client.client_id,
                melding_id=client.melding_id,
                gemeente_melding="GM0193",
                regio_melding="ijssel-vecht",
                gemeente_van_herkomst="GM0150",
                regio_van_herkomst="midden-ijssel",
                nachten=2,
                dagen=3,
                eindigt_op=datetime.now(UTC) + timedelta(days=2),
            ),
        )
        stays.append((await admit(placement, auth, client, herberg)).json())
    ends = noon_on_day(stays[0], 2)  # counted from the admission: noon on day 3
    assert datetime.fromisoformat(stays[0]["uiterlijkTot"]) == ends
    extended = await placement.client.post(
        f"/v1/verblijven/{stays[1]['id']}/verlenging",
        json={"tot": (ends + timedelta(days=5)).isoformat(), "redenCode": "ziekenhuisopname-gepland"},
        headers=auth(*CT),
    )
    assert extended.status_code == 200, extended.text
    assert await watch(placement, ends - timedelta(minutes=1)) == 0
    assert await watch(placement, ends) == 1
    ended = (await placement.client.get(f"/v1/verblijven/{stays[0]['id']}", headers=auth(*CT))).json()
    assert (ended["status"], ended["bestemming"]) == ("uitgestroomd", "andere-regio")
    kept = (await placement.client.get(f"/v1/verblijven/{stays[1]['id']}", headers=auth(*CT))).json()
    assert kept["status"] == "actief"
    event = (await outbox_events(placement, "uitgestroomd"))[0]["data"]
    assert event["redenCode"] == "kort-verblijf-verlopen" and event["terugNaarGemeenteVanHerkomst"] is None


async def test_overdue_check_in_is_signalled_once_and_on_the_worklist(placement: RunningService, auth: Any) -> None:
    bw = await new_facility(placement, auth, type="beschermd-wonen", zorgaanbieder="ribw")
    client = await new_client(placement)
    await placement.client.post(
        "/v1/plaatsingen", json={"trajectId": str(client.traject_id), "voorzieningId": bw["id"]}, headers=auth(*CT)
    )
    later = datetime.combine(nl_today() + timedelta(days=100), time(12), tzinfo=rules.NL)
    assert await watch(placement, later) == 1
    assert await watch(placement, later + timedelta(days=1)) == 0
    assert (await outbox_events(placement, "trajectcontrole-achterstallig"))[0]["subject"] == str(client.traject_id)
    context = placement.container.extras["context"]
    placement.container.extras["context"] = dataclasses.replace(context, clock=lambda: later)
    worklist = (await placement.client.get("/v1/trajectcontroles?achterstallig=true", headers=auth(*CT))).json()
    assert [(c["trajectId"], c["dagenAchterstallig"]) for c in worklist] == [(str(client.traject_id), 9)]
    assert (
        await placement.client.get("/v1/trajectcontroles?achterstallig=true", headers=auth("gemeente", "GM0166"))
    ).json() == []


async def test_the_maximum_is_configurable(start_service: Any, auth: Any) -> None:
    placement = await start_service("placement", acute_stay_max_weeks=6, stay_warning_days=3)
    herberg = await new_facility(placement, auth)
    stay = (await admit(placement, auth, await new_client(placement), herberg)).json()
    assert stay["maximumDatum"] == noon_on_day(stay, 42).date().isoformat()
    assert await watch(placement, noon_on_day(stay, 38)) == 0  # 4 days left
    assert await watch(placement, noon_on_day(stay, 39)) == 1
