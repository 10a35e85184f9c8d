from typing import Any

import pytest

from journey_platform.testing.plugin import RunningService


@pytest.fixture
async def intake(start_service: Any) -> RunningService:
    service: RunningService = await start_service("intake", deadline_watcher_enabled=False, retention_job_enabled=False)
    return service


def report(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "melderType": "politie",
        "persoon": {"achternaam": "Jansen", "voornaam": "Piet", "geboortedatum": "1980-04-01"},
        "situatie": "dakloos",
        "route": "huisuitzetting",
        "gemeenteMelding": "GM0193",
        "gemeenteVanHerkomst": "GM0160",
        "huishoudenGrootte": 1,
        "aandachtspunten": [],
        "toelichting": "Slaapt sinds een week in het park.",
    }
    body.update(overrides)
    return body
