"""The shared rule for backdated moments: never in production, never in the future, never before what they follow."""

from datetime import UTC, datetime, timedelta

import pytest

from journey_platform import backdating
from journey_platform.web.problems import InvalidInput

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _refusal(**kwargs: object) -> tuple[str, str]:
    with pytest.raises(InvalidInput) as refused:
        backdating.moment(**{"field": "opgenomenOp", "now": NOW, "backdating": True, **kwargs})  # type: ignore[arg-type]  # the refused keyword arguments are the point of the test
    [param] = refused.value.invalid_params or []
    return param.name, param.code


def test_only_production_refuses_backdating() -> None:
    assert backdating.allowed("development") and backdating.allowed("test") and not backdating.allowed("production")


def test_no_moment_is_now_and_a_past_moment_is_kept() -> None:
    assert backdating.moment(None, "opgenomenOp", now=NOW, backdating=False) == NOW
    past = NOW - timedelta(days=200)
    assert backdating.moment(past, "opgenomenOp", now=NOW, backdating=True) == past


def test_refusals_name_the_field() -> None:
    assert _refusal(value=NOW - timedelta(days=1), backdating=False) == ("opgenomenOp", "backdating-not-allowed")
    assert _refusal(value=NOW + timedelta(hours=1)) == ("opgenomenOp", "future")
    assert _refusal(value=datetime(2026, 5, 1)) == ("opgenomenOp", "timezone")
    assert _refusal(value=NOW - timedelta(days=3), not_before=NOW - timedelta(days=2)) == ("opgenomenOp", "too-early")
