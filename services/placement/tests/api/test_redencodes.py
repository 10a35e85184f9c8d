"""Reason codes come from a documented list per kind (docs/reason-codes.md, issue 16 item 4): anything else is a 400
naming `redenCode` and the codes allowed."""

from typing import Any

from journey_platform.testing.plugin import RunningService

from .conftest import CT, new_client, new_facility


async def test_a_refusal_reason_outside_the_list_is_400_naming_the_allowed_codes(placement: RunningService, auth: Any) -> None:
    shelter = await new_facility(placement, auth)
    client = await new_client(placement)
    body = {"trajectId": str(client.traject_id), "voorzieningId": shelter["id"], "redenCode": "vol"}
    refused = await placement.client.post("/v1/weigeringen", json=body, headers=auth(*CT))
    assert refused.status_code == 400
    (param,) = refused.json()["invalidParams"]
    assert param["name"] == "redenCode" and "geen-plaats" in param["reason"], param
    listed = await placement.client.post("/v1/weigeringen", json={**body, "redenCode": "geen-plaats"}, headers=auth(*CT))
    assert listed.status_code == 201, listed.text


async def test_the_lists_are_enums_in_the_api_document(placement: RunningService) -> None:
    schemas = (await placement.client.get("/v1/openapi.json")).json()["components"]["schemas"]
    assert "geen-plaats" in schemas["RedenWeigering"]["enum"]
    assert "faillissement" in schemas["RedenAanbiederuitval"]["enum"]
