"""What the fuzz test needs per service: who calls it, how it starts, and a few records seeded first so that
generated requests with real ids reach existing rows too (not only 404s).

A seed returns path-parameter values by name (e.g. {"meldingId": "…"}); the fuzzer mixes them into the
generated cases of every operation whose path parameters it can fill from them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from journey_platform.testing.plugin import RunningService
from placement.tests_support import deliver, report

CT = ("centrale-toegang", "CT-IJSSEL-VECHT")
LOCAL_TEAM = ("gemeente", "GM0193")
CORPORATION = ("woningcorporatie", "dewoonplaats")
PROVIDER = ("zorgaanbieder", "leger-des-heils")

Auth = Callable[..., dict[str, str]]
Seed = Callable[[RunningService, Auth], Awaitable[dict[str, str]]]


async def _created(service: RunningService, path: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    response = await service.client.post(f"/v1{path}", json=body, headers=headers)
    assert response.status_code == 201, f"seeding {path}: {response.status_code} {response.text}"
    return response.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def seed_intake(service: RunningService, auth: Auth) -> dict[str, str]:
    melding = await _created(
        service,
        "/meldingen",
        {
            "melderType": "politie",
            "persoon": {"achternaam": "Jansen", "voornaam": "Piet", "geboortedatum": "1980-04-01"},
            "situatie": "dakloos",
            "route": "huisuitzetting",
            "gemeenteMelding": "GM0193",
            "huishoudenGrootte": 1,
        },
        auth(*CT),
    )
    return {"meldingId": melding["id"], "trajectId": melding["trajectId"], "persoonId": melding["persoonId"]}


async def seed_placement(service: RunningService, auth: Auth) -> dict[str, str]:
    facility = await _created(
        service,
        "/voorzieningen",
        {
            "naam": "De Herberg",
            "type": "acute-opvang",
            "zorgaanbieder": "leger-des-heils",
            "gemeente": "GM0193",
            "capaciteitPlaatsen": 2,
            "eenpersoonskamers": 1,
            "veiligVoor": [],
            "huisdierenToegestaan": False,
        },
        auth(*CT),
    )
    melding = report()
    await deliver(service, melding)  # intake's event, as placement's consumer applies it
    stay = await _created(service, "/opnames", {"trajectId": str(melding.traject_id), "voorzieningId": facility["id"]}, auth(*CT))
    return {"voorzieningId": facility["id"], "verblijfId": stay["id"], "item": "identiteitsbewijs"}


async def seed_housing(service: RunningService, auth: Auth) -> dict[str, str]:
    unit = await _created(
        service,
        "/woningen",
        {
            "aanbiederType": "woningcorporatie",
            "type": "sociale-huur",
            "gemeente": "GM0160",
            "wijk": "centrum",
            "huur": 640.0,
            "kamers": 2,
            "beschikbaarVanaf": "2026-01-01",
        },
        auth(*CORPORATION),
    )
    return {"woningId": unit["id"]}


async def seed_reporting(service: RunningService, auth: Auth) -> dict[str, str]:
    return {"indicatorCode": "bw-clienten"}


@dataclass(frozen=True)
class Target:
    """One service as the fuzzer sees it."""

    service: str
    callers: tuple[tuple[str, str], ...]
    seed: Seed
    overrides: dict[str, Any] = field(default_factory=dict)


# The rate limit is off while fuzzing: thousands of requests from one caller would otherwise meet 429s (tested on
# their own in tests/hardening) instead of the operations.
UNLIMITED = {"rate_limit_enabled": False}
TARGETS = {
    "intake": Target(
        "intake", (CT, LOCAL_TEAM), seed_intake, {**UNLIMITED, "deadline_watcher_enabled": False, "retention_job_enabled": False}
    ),
    "placement": Target("placement", (CT, LOCAL_TEAM, PROVIDER), seed_placement, UNLIMITED),
    "housing": Target(
        "housing",
        (CORPORATION, CT, LOCAL_TEAM),
        seed_housing,
        {**UNLIMITED, "matching_interval_seconds": 3600, "watch_interval_seconds": 3600},
    ),
    # A fuzzed callback URL gets its test notification refused fast (nothing listens on it) rather than after 10 s.
    "reporting": Target(
        "reporting",
        (CT, LOCAL_TEAM),
        seed_reporting,
        {**UNLIMITED, "webhook_timeout_seconds": 0.5, "webhook_delivery_enabled": False},
    ),
}
