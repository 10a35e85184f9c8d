"""The rules of subscribing: every journey event has a channel, filters, the retry schedule, signatures."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from standardwebhooks.webhooks import Webhook

from journey_platform.contracts.base import JourneyEvent, registry
from journey_platform.web.problems import InvalidInput
from reporting.domain.journey import event_name
from reporting.subscriptions.domain.channels import CHANNEL_BY_EVENT
from reporting.subscriptions.domain.delivery import DEFAULT_RETRY_WAITS, Filter, RetrySchedule
from reporting.subscriptions.domain.signing import new_secret, signed_headers
from reporting.subscriptions.service_layer.policy import callback_allowed


def test_every_journey_event_of_the_producers_has_one_channel() -> None:
    journey_events = {event_name(t) for t, c in registry().items() if issubclass(c, JourneyEvent) and c.producer != "public"}
    assert journey_events == set(CHANNEL_BY_EVENT)


def test_filter_on_channel_municipality_and_event() -> None:
    wanted = Filter(frozenset({"meldingen"}), "GM0193", frozenset({"melding-geregistreerd"}))
    assert wanted.wants("meldingen", "melding-geregistreerd", {"GM0193", "GM0160"})
    assert not wanted.wants("opvang", "melding-geregistreerd", {"GM0193"})
    assert not wanted.wants("meldingen", "melding-geregistreerd", {"GM0160"})
    assert not wanted.wants("meldingen", "onderzoek-gestart", {"GM0193"})
    assert Filter(frozenset({"meldingen"})).wants("meldingen", "onderzoek-gestart", {"GM0150"})


def test_retries_go_on_for_about_a_day_then_stop() -> None:
    assert timedelta(hours=20) < timedelta(seconds=sum(DEFAULT_RETRY_WAITS)) < timedelta(hours=30)
    schedule = RetrySchedule((1, 10))
    now = datetime(2026, 11, 22, tzinfo=UTC)
    assert schedule.next_attempt(1, now) == now + timedelta(seconds=1)
    assert schedule.next_attempt(2, now) == now + timedelta(seconds=10)
    assert schedule.next_attempt(3, now) is None


def test_signatures_verify_with_a_standard_webhooks_library() -> None:
    secret, body = new_secret(), b'{"id":"x"}'
    timestamp = int(datetime.now(UTC).timestamp())
    headers = signed_headers(secret, "msg_1", timestamp, body)
    assert Webhook(secret).verify(body, headers) == {"id": "x"}


def test_the_verification_shown_to_subscribers_accepts_our_signature_and_refuses_replays() -> None:
    text = (Path(__file__).resolve().parents[4] / "docs" / "subscribing.md").read_text()
    snippet = text.split("### Verifying a delivery (Python)", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {}
    exec(snippet, namespace)  # noqa: S102 - our own documentation
    verify = namespace["verify"]
    secret, body = new_secret(), b'{"id":"x"}'
    now = int(datetime.now(UTC).timestamp())
    assert verify(secret, signed_headers(secret, "msg_1", now, body), body)
    assert not verify(secret, signed_headers(secret, "msg_1", now, body), body + b" ")
    assert not verify(new_secret(), signed_headers(secret, "msg_1", now, body), body)
    assert not verify(secret, signed_headers(secret, "msg_1", now - 3600, body), body)


def test_callbacks_must_use_https_where_required() -> None:
    callback_allowed("https://app.zwolle.example/webhook", require_https=True)
    callback_allowed("http://127.0.0.1:8080/webhook", require_https=False)
    with pytest.raises(InvalidInput):
        callback_allowed("http://app.zwolle.example/webhook", require_https=True)
