"""The operator CLI against the real broker and databases: outbox, dead letters, lag, replay, key rotation."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from intake.adapters.crypto import KeyRing
from intake.adapters.orm import Persoon
from intake.settings import DEV_INDEX_KEY
from journey_platform.devbroker import LocalBroker
from journey_platform.ops.cli import app
from journey_platform.testing.kafka import produce, read_topic, synthetic_report
from journey_platform.testing.observability import metric_value
from journey_platform.testing.waiting import eventually
from reporting.adapters.orm import Gebeurtenis

pytestmark = pytest.mark.e2e

OLD_KEY = "k1:" + base64.b64encode(b"o" * 32).decode()
NEW_KEY = "k2:" + base64.b64encode(b"n" * 32).decode()


async def ops(*args: str, env: dict[str, str] | None = None, exit_code: int = 0) -> Any:
    """Run one CLI command in a thread (it runs its own event loop) and return its JSON output."""
    result = await asyncio.to_thread(CliRunner().invoke, app, list(args), env=env)
    assert result.exit_code == exit_code, result.output
    return json.loads(result.stdout) if exit_code == 0 else result.output


def report(bsn: str) -> dict[str, Any]:
    return {"melderType": "politie", "persoon": {"bsn": bsn}, "situatie": "dakloos", "gemeenteMelding": "GM0193"}


async def test_outbox_status_and_republish(fresh_broker: LocalBroker, start_service: Any, auth: Any) -> None:
    intake = await start_service("intake")  # no relay: the report waits in the outbox
    assert (await intake.client.post("/v1/meldingen", json=report("111222333"), headers=auth())).status_code == 201
    url, servers = intake.container.settings.database_url, fresh_broker.bootstrap_servers

    waiting = await ops("outbox", "status", "--service", "intake", "--database-url", url)
    assert waiting["unpublished"] == 1 and waiting["oldestUnpublishedAt"]
    assert waiting["unpublishedByTopic"]["opvangketen.intake"]["rows"] == 1

    sent = await ops("outbox", "republish", "--service", "intake", "--database-url", url, "--bootstrap-servers", servers)
    assert sent == {"service": "intake", "markedAgain": 0, "published": 1}
    assert (await ops("outbox", "status", "--service", "intake", "--database-url", url))["unpublished"] == 0
    [record] = await read_topic(servers, "opvangketen.intake")
    event_id = json.loads(record.value)["id"]

    again = await ops(
        "outbox",
        "republish",
        "--service",
        "intake",
        "--event-id",
        event_id,
        "--database-url",
        url,
        "--bootstrap-servers",
        servers,
    )
    assert again["markedAgain"] == 1 and again["published"] == 1
    assert [json.loads(r.value)["id"] for r in await read_topic(servers, "opvangketen.intake")] == [event_id, event_id]

    # The whole retention window again (what the relay does by itself after a broker data loss).
    kept = await ops("outbox", "status", "--service", "intake", "--database-url", url)
    assert kept["published"] == 1 and kept["oldestPublishedKeptAt"]
    window = await ops(
        "outbox", "republish", "--service", "intake", "--window", "--database-url", url, "--bootstrap-servers", servers
    )
    assert window["markedAgain"] == 1 and window["published"] == 1


async def test_a_dead_letter_is_listed_and_redriven_after_the_cause_is_fixed(
    fresh_broker: LocalBroker, start_service: Any
) -> None:
    reporting = await start_service("reporting", broker=fresh_broker, consumer_retry_backoff_seconds=0.01)
    servers = fresh_broker.bootstrap_servers
    journey = uuid.uuid4()
    premature = synthetic_report(traject_id=journey)
    # The cause: a handler bug (it fails on this event every time) that a later deploy fixes.
    consumer = reporting.container.consumers[0]
    project = consumer._handlers[premature.type]
    fixed = False

    async def buggy_until_fixed(event: Any, uow: Any) -> None:
        if not fixed:
            raise KeyError("clientId")
        await project(event, uow)

    consumer._handlers[premature.type] = buggy_until_fixed
    # The same bug on the batch path: a fetch (even of one record) goes through the batch handlers, and the event's
    # type, without a batch handler, through the (buggy) handler above.
    consumer._batch_handlers.pop(premature.type, None)
    await produce(servers, "opvangketen.intake", [premature])

    async def listed() -> list[dict[str, Any]]:
        return await ops("dlt", "list", "--consumer", "reporting", "--bootstrap-servers", servers)  # type: ignore[no-any-return]  # the matrix helpers return JSON (Any)

    [letter] = await eventually(listed)
    assert letter["eventId"] == str(premature.id) and letter["redriven"] is False
    assert letter["originalTopic"] == "opvangketen.intake" and "KeyError" in letter["error"]
    assert (
        metric_value(
            (await reporting.client.get("/metrics")).text, "opvangketen_consumer_dead_lettered_total", consumer="reporting"
        )
        == 1
    )

    fixed = True  # the fix is deployed; only now send the dead letter back
    redriven = await ops("dlt", "redrive", "--consumer", "reporting", "--bootstrap-servers", servers)
    assert redriven["redriven"] == 1

    async def applied() -> bool:
        async with reporting.container.sessionmaker() as session:
            return await session.get(Gebeurtenis, premature.id) is not None

    await eventually(applied)
    assert (await listed())[0]["redriven"] is True
    assert (await ops("dlt", "redrive", "--consumer", "reporting", "--bootstrap-servers", servers))["redriven"] == 0

    async def caught_up() -> dict[str, Any] | None:
        lag = await ops("lag", "--group", "reporting", "--topic", "opvangketen.intake", "--bootstrap-servers", servers)
        return lag if lag["totalLag"] == 0 and any(p["committed"] for p in lag["partitions"]) else None

    await eventually(caught_up)
    idle = await ops("lag", "--group", "nobody", "--topic", "opvangketen.intake", "--bootstrap-servers", servers)
    assert idle["totalLag"] == 2  # the event and its redriven copy


async def test_replay_rebuilds_reportings_journeys_and_says_when_a_service_has_none(databases: dict[str, str]) -> None:
    result = await ops("replay", "--service", "reporting", "--database-url", databases["reporting"])
    assert result["service"] == "reporting" and result["result"]["events"] >= 0
    assert "has no replay" in await ops("replay", "--service", "placement", "--database-url", databases["placement"], exit_code=2)


async def test_rotating_the_bsn_key_re_wraps_every_persons_data_key_with_the_first_key(start_service: Any, auth: Any) -> None:
    intake = await start_service("intake", bsn_keys=OLD_KEY)
    for bsn in ("111222333", "123456782"):
        assert (await intake.client.post("/v1/meldingen", json=report(bsn), headers=auth())).status_code == 201
    url = intake.container.settings.database_url
    env = {"INTAKE_BSN_KEYS": f"{NEW_KEY},{OLD_KEY}", "INTAKE_BSN_INDEX_KEY": DEV_INDEX_KEY}

    rotated = await ops("rotate-bsn-key", "--database-url", url, "--batch-size", "1", env=env)
    assert rotated == {"activeKey": "k2", "scanned": 2, "reEncrypted": 2}
    async with intake.container.sessionmaker() as session:
        personen = (await session.scalars(select(Persoon))).all()
    only_new = KeyRing(NEW_KEY, DEV_INDEX_KEY)
    assert all(p.sleutel_versleuteld and p.sleutel_versleuteld.startswith("k2:") for p in personen)
    keys = {p.id: only_new.unwrap(p.sleutel_versleuteld or "", str(p.id)) for p in personen}
    assert sorted(keys[p.id].open(p.bsn_versleuteld) or "" for p in personen) == ["111222333", "123456782"]
    assert (await ops("rotate-bsn-key", "--database-url", url, env=env))["reEncrypted"] == 0
