"""Intake's CPU per POST of a new person's report, in process: the ASGI app called directly, one report after the
other, with no HTTP server, no relay and no broker (relay and consumers off). The quick loop for issue 18's request
path; bench/intake_throughput.py is the measure beside the bare app, bench/intake_profile.py says where time goes.

    .venv/bin/python bench/intake_request_cpu.py [--reports 500] [--rounds 3]

Creates a scratch PostgreSQL database (127.0.0.1:5432), posts 200 reports to warm up, then `--rounds` rounds of
`--reports` reports; prints the process CPU time (all threads) and the wall time per report of each round, and the
median of the rounds. On a shared machine compare two versions by alternating their runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from asgi_lifespan import LifespanManager
from starlette.types import ASGIApp, Message

from intake.entrypoints.app import create_app
from intake.settings import IntakeSettings
from journey_platform.devissuer import DevIssuer
from journey_platform.testing.databases import create_service_database, drop_service_database
from journey_platform.testing.plugin import service_dir


def report(name: str) -> bytes:
    person = {"achternaam": name, "geboortedatum": "1980-01-01"}
    return json.dumps({"melderType": "politie", "situatie": "dakloos", "gemeenteMelding": "GM0193", "persoon": person}).encode()


async def post(app: ASGIApp, body: bytes, token: str) -> None:
    headers = [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"), (b"authorization", f"Bearer {token}".encode())]
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/meldingen",
        "raw_path": b"/v1/meldingen",
        "root_path": "",
        "query_string": b"",
        "headers": [*headers, (b"content-length", str(len(body)).encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    messages: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]
    sent: list[Message] = []

    async def receive() -> Message:
        if messages:
            return messages.pop()
        await asyncio.Event().wait()  # the client never disconnects
        raise AssertionError("unreachable")

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    if sent[0]["status"] != 201:
        raise SystemExit(f"POST /v1/meldingen answered {sent[0]['status']}: {sent[1:]}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    url = await asyncio.to_thread(create_service_database, "intake", service_dir("intake"), tmp, True)
    try:
        issuer = DevIssuer(tmp / "issuer")
        issuer.write_jwks()
        settings = IntakeSettings(
            database_url=url,
            auth_jwks_file=issuer.jwks_file,
            auth_issuer=issuer.issuer,
            auth_audience=issuer.audience,
            kafka_bootstrap_servers="127.0.0.1:1",  # nothing there: the relay and the consumers are off
            relay_enabled=False,
            consumer_enabled=False,
            environment="test",
            deadline_watcher_enabled=False,
            retention_job_enabled=False,
            episode_job_enabled=False,
        )
        app = create_app(settings)
        token = issuer.mint("centrale-toegang", "CT-IJSSEL-VECHT")
        async with LifespanManager(app, startup_timeout=60):
            for i in range(200):
                await post(app, report(f"Opwarmer{i}"), token)
            per_report = []
            for r in range(args.rounds):
                cpu, wall = time.process_time(), time.perf_counter()
                for i in range(args.reports):
                    await post(app, report(f"Bench{r}x{i}"), token)
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                per_report.append(cpu * 1000 / args.reports)
                print(f"round {r + 1}: CPU {per_report[-1]:.2f} ms per report, wall {wall * 1000 / args.reports:.2f} ms")
        print(f"intake CPU per POST (in process, median of {args.rounds} rounds): {statistics.median(per_report):.2f} ms")
    finally:
        await asyncio.to_thread(drop_service_database, url)


if __name__ == "__main__":
    asyncio.run(main())
