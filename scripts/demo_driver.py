"""`make demo`'s driver (scripts/demo_steps.py): the services' addresses, and the Driver that runs the planned steps
in time order and calls the services' REST APIs with a token per organisation."""

from __future__ import annotations

import heapq
import itertools
import os
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import httpx
from demo_plan import Journey, RegionProfile

from journey_platform.devissuer import DevIssuer

PORTS = {"intake": "INTAKE_PORT", "placement": "PLACEMENT_PORT", "housing": "HOUSING_PORT", "reporting": "REPORTING_PORT"}
DEFAULT_PORTS = {"intake": 8001, "placement": 8002, "housing": 8003, "reporting": 8004}
Org = tuple[str, str]


def base(service: str) -> str:
    return f"http://127.0.0.1:{os.environ.get(PORTS[service], DEFAULT_PORTS[service])}/v1"


def ct(region: RegionProfile) -> Org:
    return ("centrale-toegang", region.central_access)


@dataclass
class Driver:
    http: httpx.Client
    issuer: DevIssuer
    now: datetime
    counts: Counter[str] = field(default_factory=Counter)
    queue: list[tuple[datetime, int, Callable[[], None]]] = field(default_factory=list)
    facilities: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)  # region → role → facilities
    by_traject: dict[str, Journey] = field(default_factory=dict)
    placed_entries: set[str] = field(default_factory=set)
    _tokens: dict[Org, str] = field(default_factory=dict)
    _seq: itertools.count[int] = field(default_factory=itertools.count)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def today(self) -> date:
        return self.now.date()

    def at(self, when: datetime, step: Callable[[], None]) -> None:
        """Schedule a step; one that would lie in the future has not happened yet, and is left out."""
        if when <= self.now:
            heapq.heappush(self.queue, (when, next(self._seq), step))

    def run(self) -> None:
        while self.queue:
            _, _, step = heapq.heappop(self.queue)
            step()

    def call(
        self, service: str, method: str, path: str, org: Org, body: Any = None, params: Any = None, retry_unknown: bool = False
    ) -> httpx.Response:
        if org not in self._tokens:
            self._tokens[org] = self.issuer.mint(*org)
        headers = {"Authorization": f"Bearer {self._tokens[org]}"}
        for _ in range(60 if retry_unknown else 1):
            response = self.http.request(method, base(service) + path, json=body, params=params, headers=headers)
            # placement learns of a journey from intake's events, housing of a candidate from placement's and of a
            # consent from intake's: wait for them
            waiting = response.status_code == 404 or "unknown-journey" in response.text or "geen-toestemming" in response.text
            if not (retry_unknown and waiting):
                break
            time.sleep(0.25)
        key = f"{service} {method} /{path.split('/')[1]} {response.status_code}"
        with self._lock:
            if response.status_code >= 400 and not self.counts[key]:
                print(f"  first {key}: {response.text[:300]}")  # one example of each refusal, to tell a refusal from a bug
            self.counts[key] += 1
        return response


def iso(when: datetime) -> str:
    return when.isoformat()
