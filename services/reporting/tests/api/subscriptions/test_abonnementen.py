"""Webhook subscriptions against a real receiving HTTP server: registration, signed delivery, filters,
who receives what, retries, the dead-letter list and redelivery."""

import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from journey_platform.contracts.intake import VerantwoordelijkeGemeenteGewijzigd
from journey_platform.db import utcnow
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.waiting import eventually
from reporting.subscriptions.adapters.orm import Aflevering, PubliekeGebeurtenis
from reporting.subscriptions.service_layer.abonnementen import TEST_EVENT_TYPE
from reporting.subscriptions.service_layer.retention import prune
from reporting.subscriptions.testing import Receiver

from .conftest import consume, consume_together, melding, onderzoek, subscribe


async def test_registration_sends_a_test_notification_and_returns_the_secret_once(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    created = await subscribe(reporting, auth("gemeente", "GM0193"), receiver)
    assert created["geheim"].startswith("whsec_")
    assert [json.loads(r.body)["type"] for r in receiver.accepted] == [TEST_EVENT_TYPE]
    again = (await reporting.client.get(f"/v1/abonnementen/{created['id']}", headers=auth("gemeente", "GM0193"))).json()
    assert "geheim" not in again and again["kanalen"] == ["meldingen"]


async def test_a_callback_that_refuses_the_test_notification_is_refused(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    body = {"callbackUrl": receiver.url, "auth": "Bearer wrong", "kanalen": ["meldingen"]}
    response = await reporting.client.post("/v1/abonnementen", json=body, headers=auth("gemeente", "GM0193"))
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["invalidParams"][0]["name"] == "callbackUrl"


async def test_a_callback_that_accepts_notifications_without_auth_is_refused(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    receiver.require_auth = False  # accepts anything, so also the call without our Authorization header
    body = {"callbackUrl": receiver.url, "auth": "Bearer x", "kanalen": ["meldingen"]}
    response = await reporting.client.post("/v1/abonnementen", json=body, headers=auth("gemeente", "GM0193"))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "auth"


async def test_an_unreachable_callback_and_bad_input_are_400_naming_the_field(reporting: RunningService, auth: Any) -> None:
    headers = auth("gemeente", "GM0193")
    gone = {"callbackUrl": "http://127.0.0.1:1/webhook", "auth": "Bearer x", "kanalen": ["meldingen"]}
    response = await reporting.client.post("/v1/abonnementen", json=gone, headers=headers)
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "callbackUrl"
    bad = {"callbackUrl": "not a url", "auth": "", "kanalen": ["onbekend"], "filters": {"eventTypes": ["x"]}}
    response = await reporting.client.post("/v1/abonnementen", json=bad, headers=headers)
    assert response.status_code == 400
    assert {p["name"].split(".")[0] for p in response.json()["invalidParams"]} >= {"callbackUrl", "auth", "kanalen", "filters"}
    for value in ("Bearer \u20ac", "Bearer x\r\nX-Extra: 1"):  # no header value: was a 500 (found by fuzzing)
        response = await reporting.client.post("/v1/abonnementen", json={**gone, "auth": value}, headers=headers)
        assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "auth", response.text


async def test_only_local_teams_and_central_access_subscribe_and_only_within_reach(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    body = {"callbackUrl": receiver.url, "auth": receiver.expected_auth, "kanalen": ["meldingen"]}
    provider = await reporting.client.post("/v1/abonnementen", json=body, headers=auth("zorgaanbieder", "leger-des-heils"))
    assert provider.status_code == 403
    other = await reporting.client.post(
        "/v1/abonnementen", json={**body, "filters": {"gemeente": "GM0150"}}, headers=auth("gemeente", "GM0193")
    )
    assert other.status_code == 403


async def test_a_residents_event_is_delivered_signed_as_a_minimised_cloudevent(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    created = await subscribe(reporting, auth("gemeente", "GM0193"), receiver)
    source = await consume(reporting, melding("GM0193"))
    delivered = await eventually(receiver.first_event)
    body = Webhook(created["geheim"]).verify(delivered.body, delivered.headers)  # Standard Webhooks, off the shelf
    assert body["type"] == "nl.opvangketen.public.intake-gebeurtenis.v1"
    assert body["subject"] == str(source.subject)
    assert set(body["data"]) == {
        "trajectId",
        "clientId",
        "gebeurtenis",
        "kanaal",
        "tijdstip",
        "verantwoordelijkeGemeente",
        "gemeenteMelding",
    }
    assert body["data"]["gebeurtenis"] == source.type and body["data"]["kanaal"] == "meldingen"
    assert delivered.headers["content-type"].startswith("application/cloudevents+json")
    assert delivered.headers["webhook-id"] == body["id"]
    with pytest.raises(WebhookVerificationError):  # tampered body, or someone else's secret
        Webhook(created["geheim"]).verify(delivered.body.replace(b"GM0193", b"GM0150"), delivered.headers)


async def test_a_replayed_delivery_with_an_old_timestamp_is_rejected_by_the_receiver(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    created = await subscribe(reporting, auth("gemeente", "GM0193"), receiver)
    await consume(reporting, melding("GM0193"))
    delivered = await eventually(receiver.first_event)
    replayed = {**delivered.headers, "webhook-timestamp": str(int(delivered.headers["webhook-timestamp"]) - 3600)}
    with pytest.raises(WebhookVerificationError):
        Webhook(created["geheim"]).verify(delivered.body, replayed)


async def test_another_municipalitys_residents_are_never_delivered(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    await subscribe(reporting, auth("gemeente", "GM0193"), receiver)
    async with Receiver().running() as deventer:
        await subscribe(reporting, auth("gemeente", "GM0150"), deventer)
        async with Receiver().running() as central:
            await subscribe(reporting, auth("centrale-toegang", "CT-IJSSEL-VECHT"), central)
            zwolle_event = await consume(reporting, melding("GM0193"))
            await consume(reporting, melding("GM0150"))
            await consume(reporting, melding("GM0160"))  # Hardenberg: region IJssel-Vecht
            await eventually(holds(lambda: len(central.events()) == 2))
            await eventually(holds(lambda: deventer.events()))
            await eventually(holds(lambda: receiver.events()))
            await _settle(reporting)
            assert [json.loads(r.body)["subject"] for r in receiver.events()] == [zwolle_event.subject]
            assert all(json.loads(r.body)["data"]["gemeenteMelding"] == "GM0150" for r in deventer.events())
            assert len(deventer.events()) == 1
            assert {json.loads(r.body)["data"]["gemeenteMelding"] for r in central.events()} == {"GM0193", "GM0160"}


async def test_filters_on_channel_municipality_and_event_type(reporting: RunningService, receiver: Receiver, auth: Any) -> None:
    await subscribe(
        reporting,
        auth("centrale-toegang", "CT-IJSSEL-VECHT"),
        receiver,
        filters={"gemeente": "GM0160", "eventTypes": ["onderzoek-gestart"]},
    )
    hardenberg = melding("GM0160")
    await consume(reporting, hardenberg)
    await consume(reporting, melding("GM0193"))
    await consume(reporting, onderzoek(hardenberg))  # municipality from the projected journey
    delivered = await eventually(receiver.first_event)
    await _settle(reporting)
    assert len(receiver.events()) == 1
    assert json.loads(delivered.body)["data"]["gebeurtenis"].endswith("onderzoek-gestart.v1")


async def test_failed_deliveries_are_retried_then_parked_and_can_be_redelivered(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    headers = auth("gemeente", "GM0193")
    created = await subscribe(reporting, headers, receiver)
    receiver.fail_next = 2  # recovers within the schedule
    await consume(reporting, melding("GM0193"))
    await eventually(receiver.first_event)
    assert receiver.refused == 2

    receiver.failing = True  # down for longer than the whole schedule
    await consume(reporting, melding("GM0193"))
    failed_url = f"/v1/abonnementen/{created['id']}/mislukte-afleveringen"

    async def parked() -> list[dict[str, Any]]:
        return (await reporting.client.get(failed_url, headers=headers)).json()  # type: ignore[no-any-return]  # httpx gives JSON as Any

    [dead] = await eventually(parked)
    assert dead["status"] == "mislukt" and dead["pogingen"] == 4 and dead["laatsteFout"] == "HTTP 503"
    assert receiver.refused == 2 + 4
    other = await reporting.client.get(failed_url, headers=auth("gemeente", "GM0150"))
    assert other.status_code == 404

    receiver.failing = False
    response = await reporting.client.post(f"{failed_url}/{dead['id']}/herbezorging", headers=headers)
    assert response.status_code == 202 and response.json()["status"] == "wachtend"
    await eventually(holds(lambda: len(receiver.events()) == 2))
    assert json.loads(receiver.events()[1].body)["id"] == dead["gebeurtenis"]["id"]
    assert await parked() == []


async def test_one_clients_events_arrive_in_order_and_a_slow_subscriber_delays_no_one(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    async with Receiver().running() as slow:
        await subscribe(reporting, auth("gemeente", "GM0193"), slow)
        slow.delay = 5  # registration is done; now it hangs on every delivery
        await subscribe(reporting, auth("gemeente", "GM0193"), receiver)
        first = melding("GM0193")
        await consume(reporting, first)
        await consume(reporting, onderzoek(first))
        await eventually(holds(lambda: len(receiver.events()) == 2))
        kinds = [json.loads(r.body)["data"]["gebeurtenis"].rsplit(".", 2)[-2] for r in receiver.events()]
        assert kinds == ["melding-geregistreerd", "onderzoek-gestart"]
        assert slow.events() == []


async def test_a_failing_event_holds_back_only_its_own_clients_later_events(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    await subscribe(reporting, auth("gemeente", "GM0193"), receiver)
    first_client, other_client = melding("GM0193"), melding("GM0193")
    receiver.fail_only_about, receiver.fail_next = str(first_client.traject_id), 2
    await consume_together(reporting, first_client, onderzoek(first_client), other_client)
    await eventually(holds(lambda: len(receiver.events()) == 3))
    order = [
        (json.loads(r.body)["subject"], json.loads(r.body)["data"]["gebeurtenis"].rsplit(".", 2)[-2]) for r in receiver.events()
    ]
    first = str(first_client.traject_id)
    assert order.index((first, "melding-geregistreerd")) < order.index((first, "onderzoek-gestart"))
    assert order[0] == (str(other_client.traject_id), "melding-geregistreerd")  # went on while the first waited
    assert receiver.refused == 2


async def _settle(service: RunningService) -> None:
    """Until no delivery is waiting any more: what was not delivered by then never will be."""

    async def idle() -> bool:
        async with service.container.sessionmaker() as session:
            waiting = await session.scalar(select(func.count()).select_from(Aflevering).where(Aflevering.status == "wachtend"))
        return waiting == 0

    await eventually(idle)


def holds(condition: Callable[[], Any]) -> Callable[[], Awaitable[Any]]:
    async def probe() -> Any:
        return condition()

    return probe


async def test_when_responsibility_moves_the_new_municipality_follows_and_the_old_one_no_longer(
    reporting: RunningService, auth: Any
) -> None:
    async with Receiver().running() as hardenberg, Receiver().running() as dalfsen:
        await subscribe(reporting, auth("gemeente", "GM0160"), hardenberg)
        await subscribe(reporting, auth("gemeente", "GM0148"), dalfsen)
        reported = melding("GM0193")
        reported = reported.model_copy(update={"verantwoordelijke_gemeente": "GM0160"})
        await consume(reporting, reported)
        await consume(
            reporting,
            VerantwoordelijkeGemeenteGewijzigd(
                traject_id=reported.traject_id,
                client_id=reported.client_id,
                van_gemeente="GM0160",
                naar_gemeente="GM0148",
                regio="ijssel-vecht",
            ),
        )
        await consume(reporting, onderzoek(reported))
        await eventually(holds(lambda: len(dalfsen.events()) == 2))
        await _settle(reporting)
        names = [json.loads(r.body)["data"]["gebeurtenis"].rsplit(".", 2)[-2] for r in dalfsen.events()]
        assert names == ["verantwoordelijke-gemeente-gewijzigd", "onderzoek-gestart"]
        assert [json.loads(r.body)["data"]["gebeurtenis"].rsplit(".", 2)[-2] for r in hardenberg.events()] == [
            "melding-geregistreerd"
        ]


async def test_an_event_naming_no_municipality_is_placed_by_the_journeys_earlier_public_event(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    """The projection (another consumer group) may lag; the notifications group remembers on its own."""
    await subscribe(reporting, auth("gemeente", "GM0193"), receiver)
    first = melding("GM0193")
    await consume(reporting, first, project=False)
    await consume(reporting, onderzoek(first), project=False)
    await eventually(holds(lambda: len(receiver.events()) == 2))
    assert json.loads(receiver.events()[1].body)["data"]["verantwoordelijkeGemeente"] == "GM0193"


async def test_old_delivered_events_are_pruned_but_parked_ones_stay(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    await subscribe(reporting, auth("gemeente", "GM0193"), receiver)
    await consume(reporting, melding("GM0193"))
    await eventually(receiver.first_event)
    await _settle(reporting)
    receiver.failing = True
    await consume(reporting, melding("GM0193"))
    sessionmaker = reporting.container.sessionmaker

    async def count(model: Any, *where: Any) -> int:
        async with sessionmaker() as session:
            return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)

    await eventually(lambda: count(Aflevering, Aflevering.status == "mislukt"))
    await prune(sessionmaker, utcnow() + timedelta(days=8), timedelta(days=7))
    assert await count(Aflevering) == 1 and await count(PubliekeGebeurtenis) == 1  # only the parked one
