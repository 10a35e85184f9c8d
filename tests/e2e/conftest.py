from typing import Any

import httpx


def a_report(achternaam: str = "Jansen", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "melderType": "politie",
        "persoon": {"achternaam": achternaam, "geboortedatum": "1980-04-01"},
        "situatie": "dakloos",
        "gemeenteMelding": "GM0193",
    }
    body.update(overrides)
    return body


async def journey_of(reporting_client: httpx.AsyncClient, traject_id: str, headers: dict[str, str]) -> dict[str, Any] | None:
    response = await reporting_client.get(f"/v1/trajecten/{traject_id}", headers=headers)
    return response.json() if response.status_code == 200 else None
