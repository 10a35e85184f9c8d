"""Every 201 says where the new record is (issue 16, item 2): refusals and check-ins got their single read."""

from datetime import timedelta
from typing import Any

from journey_platform.testing.plugin import RunningService
from placement.tests_support import nl_today

from .conftest import CT, admit, new_client, new_facility


async def test_a_refusal_and_a_check_in_say_where_they_are(placement: RunningService, auth: Any) -> None:
    shelter = await new_facility(placement, auth)
    client = await new_client(placement)
    for path, body in (
        ("/v1/weigeringen", {"trajectId": str(client.traject_id), "voorzieningId": shelter["id"], "redenCode": "geen-plaats"}),
        ("/v1/trajectcontroles", {"trajectId": str(client.traject_id), "geplandDatum": str(nl_today() + timedelta(days=7))}),
    ):
        response = await placement.client.post(path, json=body, headers=auth(*CT))
        assert response.status_code == 201, response.text
        location = response.headers["location"]
        assert location == f"{path}/{response.json()['id']}"
        again = await placement.client.get(location, headers=auth(*CT))
        assert again.status_code == 200 and again.json()["id"] == response.json()["id"]
        assert (await placement.client.get(location, headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))).status_code == 403


async def test_a_ready_to_leave_declaration_and_a_failure_operation_say_where_they_are(
    placement: RunningService, auth: Any
) -> None:
    shelter = await new_facility(placement, auth)
    stay = (await admit(placement, auth, await new_client(placement), shelter)).json()
    path = f"/v1/verblijven/{stay['id']}/uitstroomgereed-verklaring"
    assert (await placement.client.get(path, headers=auth(*CT))).status_code == 404  # not declared yet
    declared = await placement.client.post(path, json={"huishoudenGrootte": 1, "maxHuur": 700}, headers=auth(*CT))
    assert declared.status_code == 201, declared.text
    assert declared.headers["location"] == path
    again = (await placement.client.get(path, headers=auth(*CT))).json()
    assert again["id"] == declared.json()["id"] and again["_links"]["verblijf"]["href"] == f"/v1/verblijven/{stay['id']}"

    body = {"voorzieningId": shelter["id"], "redenCode": "faillissement"}
    operation = await placement.client.post("/v1/uitvaloperaties", json=body, headers=auth(*CT))
    assert operation.status_code == 201, operation.text
    location = operation.headers["location"]
    assert location == f"/v1/uitvaloperaties/{operation.json()['id']}"
    read = (await placement.client.get(location, headers=auth(*CT))).json()
    assert [m["verblijfId"] for m in read["verhuizingen"]] == [stay["id"]]
    assert (await placement.client.get(location, headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))).status_code == 403
