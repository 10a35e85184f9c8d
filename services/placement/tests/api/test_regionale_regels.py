"""Regional rules as data (issue 13 item 4): the out-of-region short stay counts from the admission, a later
admission after it ended is a recorded refusal, and a grant or a responsible municipality inside the region lifts
the limit. Moving into a home ends the stay (issue 13 item 5)."""

import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

from journey_platform.contracts import housing as hv
from journey_platform.contracts import intake as iv
from journey_platform.testing.plugin import RunningService
from placement.adapters.unit_of_work import unit_of_work
from placement.domain import stays as rules
from placement.service_layer.watch import bewaak
from placement.tests_support import decision, deliver, outbox_events

from .conftest import CT, admit, new_client, new_facility


async def watch(placement: RunningService, now: datetime) -> int:
    async with unit_of_work(placement.container) as uow:
        return await bewaak(uow, placement.container.extras["context"], now)


async def short_stay_client(placement: RunningService) -> Any:
    client = await new_client(placement, herkomst="GM0150")  # Deventer: outside IJssel-Vecht
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
            eindigt_op=client.gemeld_op,  # as if admitted at the report: placement counts from the admission
        ),
    )
    return client


def nl(day_offset: int, hour: int, minute: int = 0) -> datetime:
    today = datetime.now(UTC).astimezone(rules.NL).date()
    return datetime.combine(today + timedelta(days=day_offset), time(hour, minute), tzinfo=rules.NL)


async def leave(placement: RunningService, auth: Any, stay: dict[str, Any], at: datetime) -> None:
    body = {"bestemming": "familie-of-vrienden", "uitgestroomdOp": at.isoformat()}
    left = await placement.client.post(f"/v1/verblijven/{stay['id']}/uitstroom", json=body, headers=auth(*CT))
    assert left.status_code == 200, left.text


async def test_short_stay_counts_from_the_admission_not_the_report(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await short_stay_client(placement)
    # reported today, admitted at 23:59 (Dutch time) three days ago: out at noon on day 3 of the admission
    admitted = await admit(placement, auth, client, herberg, opgenomenOp=nl(-3, 23, 59).isoformat())
    assert admitted.status_code == 201, admitted.text
    stay = admitted.json()
    assert stay["kortVerblijfBuitenRegio"] is True
    assert datetime.fromisoformat(stay["uiterlijkTot"]) == nl(-1, 12)


async def test_a_later_admission_within_the_short_stay_keeps_its_end(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await short_stay_client(placement)
    first = (await admit(placement, auth, client, herberg, opgenomenOp=nl(-1, 20).isoformat())).json()
    await leave(placement, auth, first, nl(-1, 22))
    again = await admit(placement, auth, client, herberg, opgenomenOp=nl(-1, 23, 30).isoformat())  # never in the future
    assert again.status_code == 201, again.text
    # noon tomorrow: the count does not restart
    assert datetime.fromisoformat(again.json()["uiterlijkTot"]) == datetime.fromisoformat(first["uiterlijkTot"]) == nl(1, 12)


async def test_after_the_short_stay_a_later_admission_is_a_recorded_refusal(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await short_stay_client(placement)
    first = (await admit(placement, auth, client, herberg, opgenomenOp=nl(-5, 20).isoformat())).json()
    await leave(placement, auth, first, nl(-3, 11, 59))
    refused = await admit(placement, auth, client, herberg, bijWeigering={"bestemmingCode": "straat"})
    assert refused.status_code == 409
    assert "short stay has already ended" in refused.json()["detail"]
    event = (await outbox_events(placement, "opname-geweigerd"))[-1]["data"]
    assert (event["redenCode"], event["bestemmingCode"], event["trajectId"]) == (
        "kort-verblijf-verstreken",
        "straat",
        str(client.traject_id),
    )
    listed = (await placement.client.get("/v1/weigeringen", headers=auth(*CT))).json()
    assert "kort-verblijf-verstreken" in {w["redenCode"] for w in listed}


async def test_a_grant_of_mo_lifts_the_short_stay_limit(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await short_stay_client(placement)
    first = (await admit(placement, auth, client, herberg, opgenomenOp=nl(-5, 20).isoformat())).json()
    await leave(placement, auth, first, nl(-3, 11))
    await deliver(placement, decision(client, voorziening="mo"))
    admitted = await admit(placement, auth, client, herberg)
    assert admitted.status_code == 201, admitted.text
    stay = admitted.json()
    assert stay["kortVerblijfBuitenRegio"] is False and stay["maximumDatum"] is not None  # the 8-week acute stay


async def test_a_running_short_stay_becomes_an_ordinary_stay_when_a_municipality_inside_the_region_is_made_responsible(
    placement: RunningService, auth: Any
) -> None:
    herberg = await new_facility(placement, auth)
    client = await short_stay_client(placement)
    stay = (await admit(placement, auth, client, herberg)).json()
    await deliver(
        placement,
        iv.VerantwoordelijkeGemeenteGewijzigd(
            traject_id=client.traject_id,
            client_id=client.client_id,
            van_gemeente="GM0150",
            naar_gemeente="GM0166",
            regio="ijssel-vecht",
        ),
    )
    now = (await placement.client.get(f"/v1/verblijven/{stay['id']}", headers=auth(*CT))).json()
    assert now["maximumDatum"] is not None and now["uiterlijkTot"] != stay["uiterlijkTot"]
    assert now["kortVerblijfBuitenRegio"] is False
    assert await watch(placement, datetime.fromisoformat(stay["uiterlijkTot"]) + timedelta(hours=1)) == 0  # not ended
    await leave(placement, auth, now, datetime.now(UTC))
    assert (await admit(placement, auth, client, herberg)).status_code == 201


async def test_a_responsible_municipality_outside_the_region_keeps_the_limit(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await short_stay_client(placement)
    first = (await admit(placement, auth, client, herberg, opgenomenOp=nl(-5, 20).isoformat())).json()
    await leave(placement, auth, first, nl(-4, 9))
    await deliver(
        placement,
        iv.VerantwoordelijkeGemeenteGewijzigd(
            traject_id=client.traject_id,
            client_id=client.client_id,
            van_gemeente="GM0193",
            naar_gemeente="GM0150",
            regio="midden-ijssel",
        ),
    )
    assert (await admit(placement, auth, client, herberg)).status_code == 409


async def test_bed_and_break_without_support_is_a_recorded_refusal(placement: RunningService, auth: Any) -> None:
    bnb = await new_facility(placement, auth, naam="Bed & Break", type="bed-en-break", zorgaanbieder="ribw")
    client = await new_client(placement)
    assert (await admit(placement, auth, client, bnb)).status_code == 409
    assert (await outbox_events(placement, "opname-geweigerd"))[-1]["data"]["redenCode"] == "bed-en-break-zonder-ondersteuning"


def moved(client: Any, at: datetime, after: hv.OpvangNaVerhuizing = hv.OpvangNaVerhuizing.beeindigd) -> hv.Verhuisd:
    return hv.Verhuisd(
        traject_id=client.traject_id,
        client_id=client.client_id,
        woning_id=uuid.uuid4(),
        woning_type=hv.WoningType.sociale_huur,
        housing_first=False,
        gemeente="GM0166",
        wijk="centrum",
        regio="ijssel-vecht",
        verhuisd_op=at,
        dagen_sinds_uitstroomgereed=20,
        gemeente_van_herkomst="GM0166",
        terug_naar_gemeente_van_herkomst=True,
        opvang_na_verhuizing=after,
    )


async def test_moving_into_a_home_ends_the_stay_on_the_move_in_moment(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await new_client(placement, herkomst="GM0166")
    stay = (await admit(placement, auth, client, herberg, opgenomenOp=nl(-10, 9).isoformat())).json()
    await deliver(placement, moved(client, nl(-1, 10)))
    ended = (await placement.client.get(f"/v1/verblijven/{stay['id']}", headers=auth(*CT))).json()
    assert (ended["status"], ended["bestemming"], ended["naarGemeente"]) == ("uitgestroomd", "eigen-woning", "GM0166")
    event = (await outbox_events(placement, "uitgestroomd"))[-1]["data"]
    assert datetime.fromisoformat(event["uitgestroomdOp"]) == nl(-1, 10)
    assert (event["redenCode"], event["terugNaarGemeenteVanHerkomst"], event["verblijfsduurDagen"]) == ("verhuisd", True, 9)
    await deliver(placement, moved(client, nl(-1, 10)))  # a second word changes nothing: no stay is active


async def test_bw_that_continues_as_ambulant_support_is_not_ended_by_the_move_in(placement: RunningService, auth: Any) -> None:
    bw = await new_facility(placement, auth, type="beschermd-wonen", zorgaanbieder="ribw")
    client = await new_client(placement)
    placed = await placement.client.post(
        "/v1/plaatsingen", json={"trajectId": str(client.traject_id), "voorzieningId": bw["id"]}, headers=auth(*CT)
    )
    assert placed.status_code == 201, placed.text
    await deliver(placement, moved(client, datetime.now(UTC), hv.OpvangNaVerhuizing.bw_loopt_door_als_ambulant))
    kept = (await placement.client.get(f"/v1/verblijven/{placed.json()['id']}", headers=auth(*CT))).json()
    assert kept["status"] == "actief"
    assert await outbox_events(placement, "uitgestroomd") == []
