"""`opvangketen-ops`: outbox, dead letters, consumer lag, read-model replay, BSN and subscription key rotation,
processing log."""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import uuid
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, TypeVar

import typer

from journey_platform.db import make_engine, make_sessionmaker
from journey_platform.messaging.kafka import security_options
from journey_platform.ops import dead_letters, lag, outbox, processing_log
from journey_platform.ops.services import SERVICES, settings_of, tables_of
from journey_platform.runtime import build_container, stop_container

T = TypeVar("T")

app = typer.Typer(help="Operator tools for the Opvangketen services. Output is JSON.", no_args_is_help=True)
outbox_app = typer.Typer(help="The transactional outbox of a producing service.", no_args_is_help=True)
dlt_app = typer.Typer(help="Dead-letter topics opvangketen.<consumer>.dlt.", no_args_is_help=True)
app.add_typer(outbox_app, name="outbox")
app.add_typer(dlt_app, name="dlt")

Service = Annotated[str, typer.Option(help="intake, placement, housing or reporting.")]
DatabaseUrl = Annotated[str | None, typer.Option(help="Overrides <SERVICE>_DATABASE_URL.")]
Bootstrap = Annotated[str | None, typer.Option(help="Overrides KAFKA_BOOTSTRAP_SERVERS.")]


def _echo(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, default=str))


def _run(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    return asyncio.run(work())


def _kafka(explicit: str | None) -> tuple[str, dict[str, Any]]:
    """Bootstrap servers and credentials from the shared KAFKA_* variables (the ops KafkaUser in the cluster)."""
    # Kafka commands use no database; the placeholder only satisfies the production settings check.
    settings = settings_of("reporting", database_url=os.environ.get("REPORTING_DATABASE_URL") or "postgresql://unused")
    return explicit or settings.kafka_bootstrap_servers, security_options(settings)


@outbox_app.command("status")
def outbox_status(service: Service, database_url: DatabaseUrl = None) -> None:
    """Unpublished rows, the oldest one's age, attempts and the last error."""
    settings = settings_of(service, database_url=database_url)

    async def work() -> dict[str, Any]:
        engine = make_engine(settings.database_url)
        try:
            return {"service": service, **await outbox.status(engine, tables_of(service))}
        finally:
            await engine.dispose()

    _echo(_run(work))


@outbox_app.command("republish")
def outbox_republish(
    service: Service,
    event_id: Annotated[list[uuid.UUID] | None, typer.Option(help="Publish this (already published) event again.")] = None,
    from_seq: Annotated[int | None, typer.Option(help="Publish every row from this outbox sequence number again.")] = None,
    window: Annotated[
        bool, typer.Option("--window", help="Publish every published row still kept (the retention window) again.")
    ] = False,
    database_url: DatabaseUrl = None,
    bootstrap_servers: Bootstrap = None,
) -> None:
    """Publish the backlog now; with --event-id/--from-seq/--window, published rows go out again (consumers
    de-duplicate). The relay republishes the window by itself when it sees that the broker lost data."""
    settings = settings_of(service, database_url=database_url, kafka_bootstrap_servers=bootstrap_servers)
    tables = tables_of(service)

    async def work() -> dict[str, Any]:
        engine = make_engine(settings.database_url)
        try:
            marked = await outbox.mark_for_republish(engine, tables, event_id or [], from_seq, window=window)
            return {"service": service, "markedAgain": marked, "published": await outbox.publish_now(engine, tables, settings)}
        finally:
            await engine.dispose()

    _echo(_run(work))


@dlt_app.command("list")
def dlt_list(
    consumer: Annotated[str, typer.Option(help="The consumer (group) name, e.g. reporting.")], bootstrap_servers: Bootstrap = None
) -> None:
    """Every dead letter of a consumer with its error, origin and whether it was redriven."""
    servers, security = _kafka(bootstrap_servers)
    _echo(_run(lambda: dead_letters.list_dead_letters(servers, consumer, **security)))


@dlt_app.command("redrive")
def dlt_redrive(
    consumer: Annotated[str, typer.Option(help="The consumer (group) name, e.g. reporting.")], bootstrap_servers: Bootstrap = None
) -> None:
    """Send every dead letter not yet redriven back to its original topic (fix the cause first)."""
    servers, security = _kafka(bootstrap_servers)
    sent = _run(lambda: dead_letters.redrive(servers, consumer, **security))
    _echo({"consumer": consumer, "redriven": len(sent), "messages": sent})


@app.command("lag")
def consumer_lag(
    group: Annotated[str, typer.Option(help="Consumer group, e.g. reporting.")],
    topic: Annotated[
        list[str] | None,
        typer.Option(help="A topic the group follows (repeatable); without one, the partitions the group committed on."),
    ] = None,
    bootstrap_servers: Bootstrap = None,
) -> None:
    """Per partition: end (the high watermark a fetch reports), committed offset and lag of a consumer group."""
    servers, security = _kafka(bootstrap_servers)
    _echo(_run(lambda: lag.group_lag(servers, group, topic or [], **security)))


@app.command("replay")
def replay(service: Service = "reporting", database_url: DatabaseUrl = None) -> None:
    """Rebuild a service's read models from its own event history (`<service>.replay.replay(sessionmaker)`)."""
    try:
        module = importlib.import_module(f"{service}.replay")
        rebuild = module.replay
    except (ImportError, AttributeError):
        typer.echo(
            f"{service} has no replay: it needs `{service}.replay.replay(sessionmaker)`. "
            "Until then, reset the consumer group to the earliest offset with the service stopped.",
            err=True,
        )
        raise typer.Exit(2) from None
    settings = settings_of(service, database_url=database_url, relay_enabled=False, consumer_enabled=False)

    async def work() -> Any:
        container = build_container(settings, tables_of(service))
        try:
            result = await rebuild(container.sessionmaker)
            return {"events": result.events, "journeys": result.journeys, "eventsPerSecond": round(result.events_per_second)}
        finally:
            await stop_container(container)

    _echo({"service": service, "result": _run(work)})


@app.command("rotate-bsn-key")
def rotate_bsn_key(
    batch_size: Annotated[int, typer.Option(min=1)] = 500,
    database_url: DatabaseUrl = None,
) -> None:
    """Re-wrap every person's data key in intake with the first key of INTAKE_BSN_KEYS."""
    from intake.adapters.crypto import KeyRing
    from intake.service_layer.key_rotation import rotate_person_keys

    settings: Any = settings_of("intake", database_url=database_url)

    async def work() -> Any:
        engine = make_engine(settings.database_url)
        try:
            keyring = KeyRing(settings.bsn_keys, settings.bsn_index_key)
            return await rotate_person_keys(make_sessionmaker(engine), keyring, batch_size)
        finally:
            await engine.dispose()

    report = _run(work)
    _echo({"activeKey": report.active_key, "scanned": report.scanned, "reEncrypted": report.re_encrypted})


@app.command("verwerkingen")
def verwerkingen(
    betrokkene: Annotated[uuid.UUID, typer.Option(help="The data subject's client id (intake's persoonId).")],
    operator: Annotated[str, typer.Option(help="Who runs this (logged as the actor), e.g. your account name.")],
) -> None:
    """A subject's processing log from all four services' databases (<SERVICE>_DATABASE_URL), for a subject
    access request; this look is itself logged in each database."""
    settings = {service: settings_of(service) for service in SERVICES}
    urls = {service: s.database_url for service, s in settings.items()}
    entries = _run(lambda: processing_log.gather(urls, settings["intake"].processing_log_key, betrokkene, operator))
    _echo({"betrokkene": str(betrokkene), "verwerkingen": entries})


@app.command("rotate-subscription-secrets")
def rotate_subscription_secrets(database_url: DatabaseUrl = None) -> None:
    """Re-seal reporting's webhook secrets with the first key of REPORTING_SUBSCRIPTION_SECRET_KEYS."""
    from reporting.subscriptions.adapters.sealing import SecretSeal
    from reporting.subscriptions.service_layer.key_rotation import reseal_subscription_secrets

    settings: Any = settings_of("reporting", database_url=database_url)

    async def work() -> Any:
        engine = make_engine(settings.database_url)
        try:
            return await reseal_subscription_secrets(make_sessionmaker(engine), SecretSeal(settings.subscription_secret_keys))
        finally:
            await engine.dispose()

    report = _run(work)
    _echo({"scanned": report.scanned, "resealed": report.resealed})
