"""The BW waiting list says, per client, why they still wait (issue 16, item 2); a stay links its facility."""

from typing import Any

from journey_platform.testing.plugin import RunningService
from placement.tests_support import decision, deliver

from .conftest import CT, admit, new_client, new_facility


async def reasons(placement: RunningService, auth: Any) -> dict[str, dict[str, str] | None]:
    response = await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth(*CT))
    assert response.status_code == 200, response.text
    return {e["trajectId"]: e["wachtreden"] for e in response.json()}


async def test_each_waiting_client_has_a_reason(placement: RunningService, auth: Any) -> None:
    woman, man, other = (
        await new_client(placement, aandachtspunten=("vrouw",)),
        await new_client(placement),
        await new_client(placement),
    )
    await deliver(placement, decision(woman, urgent=True))
    first = await reasons(placement, auth)
    assert first[str(woman.traject_id)]["code"] == "geen-voorziening"  # type: ignore[index]  # JSON as object

    # Three places, not safe for women: the men get offers, the woman waits next to a free place, for a reason.
    await new_facility(placement, auth, naam="BW Zwolle", type="beschermd-wonen", zorgaanbieder="ribw", capaciteitPlaatsen=3)
    await deliver(placement, decision(man))
    await deliver(placement, decision(other))
    now = await reasons(placement, auth)
    waiting_woman = now[str(woman.traject_id)]
    assert waiting_woman is not None and waiting_woman["code"] == "geen-passende-vrije-plaats", now
    assert "BW Zwolle: niet veilig voor vrouwen" in waiting_woman["toelichting"]
    assert "veilig" in waiting_woman["regel"]
    assert now[str(man.traject_id)] is None and now[str(other.traject_id)] is None  # both hold an offer

    later, last = await new_client(placement), await new_client(placement)
    await deliver(placement, decision(later))  # takes the third place
    await deliver(placement, decision(last))
    later = last
    assert (await reasons(placement, auth))[str(later.traject_id)]["code"] == "geen-vrije-plaats"  # type: ignore[index]  # JSON as object
    listed = await placement.client.get("/v1/wachtlijst-aanmeldingen", params={"paginaGrootte": 2}, headers=auth(*CT))
    assert listed.headers["x-total-count"] == "5" and 'rel="next"' in listed.headers["link"]
    one = (await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth(*CT))).json()
    entry = next(e for e in one if e["trajectId"] == str(later.traject_id))
    single = (await placement.client.get(f"/v1/wachtlijst-aanmeldingen/{entry['id']}", headers=auth(*CT))).json()
    assert single["wachtreden"]["code"] == "geen-vrije-plaats"


async def test_a_stay_links_its_facility_and_journey(placement: RunningService, auth: Any) -> None:
    shelter = await new_facility(placement, auth)
    client = await new_client(placement)
    stay = await admit(placement, auth, client, shelter)
    assert stay.status_code == 201, stay.text
    assert stay.headers["location"] == f"/v1/verblijven/{stay.json()['id']}"
    links = stay.json()["_links"]
    assert links["voorziening"]["href"] == f"/v1/voorzieningen/{shelter['id']}"
    assert links["traject"]["href"] == f"/v1/trajecten/{client.traject_id}"
    facility = await placement.client.get(links["voorziening"]["href"], headers=auth(*CT))
    assert facility.json()["naam"] == "De Herberg"
    stays = await placement.client.get(links["verblijven"]["href"], headers=auth(*CT))
    assert [s["id"] for s in stays.json()] == [stay.json()["id"]] and "link" in stays.headers
