"""The shared rule for moments in the past (docs/late-registration.md): free outside production; in production within
the window and, beyond the tolerance, with a reason; never in the future, never before what they follow."""

from datetime import UTC, date, datetime, timedelta

import pytest

from journey_platform import backdating
from journey_platform.backdating import LatePolicy
from journey_platform.web.problems import InvalidInput

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)  # 14:00 Dutch summer time on 1 June
PRODUCTION = LatePolicy.production()  # 30 days, 60 minutes
FREE = LatePolicy()


class _Notes:
    """Stands in for the unit of work: collects what a recorder notes."""

    def __init__(self) -> None:
        self.noted: list[dict[str, object]] = []

    def note_late(self, **kwargs: object) -> None:
        self.noted.append(kwargs)


def _recorder(reason: str | None, notes: _Notes) -> backdating.Recorder:
    who = type("Who", (), {"org_id": "CT-IJSSEL-VECHT", "subject": "medewerker-1"})()
    return backdating.Recorder(notes, who, reason)  # duck-typed stand-ins for a pure test (a unit of work noting late moments)


def _refusal(
    policy: LatePolicy = FREE,
    reason: str | None = None,
    *,
    value: datetime,
    not_before: datetime | None = None,
) -> tuple[str, str]:
    with pytest.raises(InvalidInput) as refused:
        backdating.moment(
            value, "opgenomenOp", now=NOW, policy=policy, recorder=_recorder(reason, _Notes()), not_before=not_before
        )
    [param] = refused.value.invalid_params or []
    return param.name, param.code


def test_only_production_limits_moments_in_the_past() -> None:
    assert backdating.allowed("development") and backdating.allowed("test") and not backdating.allowed("production")


def test_no_moment_is_now_and_a_past_moment_is_kept_outside_production() -> None:
    assert backdating.moment(None, "opgenomenOp", now=NOW, policy=PRODUCTION) == NOW
    past = NOW - timedelta(days=200)
    assert backdating.moment(past, "opgenomenOp", now=NOW, policy=FREE) == past


def test_refusals_name_the_field() -> None:
    assert _refusal(value=NOW + timedelta(hours=1)) == ("opgenomenOp", "future")
    assert _refusal(PRODUCTION, "nacht", value=NOW + timedelta(hours=1)) == ("opgenomenOp", "future")
    assert _refusal(value=datetime(2026, 5, 1)) == ("opgenomenOp", "timezone")
    assert _refusal(value=NOW - timedelta(days=3), not_before=NOW - timedelta(days=2)) == ("opgenomenOp", "too-early")


def test_production_wants_a_reason_beyond_the_tolerance_and_refuses_beyond_the_window() -> None:
    # 59 minutes back is within the 60-minute tolerance: no reason needed, not late
    notes = _Notes()
    within = NOW - timedelta(minutes=59)
    assert backdating.moment(within, "opgenomenOp", now=NOW, policy=PRODUCTION, recorder=_recorder(None, notes)) == within
    assert notes.noted == []
    # 10 hours back (the night before): a reason is required, named by its own field
    assert _refusal(PRODUCTION, value=NOW - timedelta(hours=10)) == ("redenLateRegistratie", "reason-required")
    assert _refusal(PRODUCTION, "  ", value=NOW - timedelta(hours=10)) == ("redenLateRegistratie", "reason-required")
    night = NOW - timedelta(hours=10)
    assert backdating.moment(night, "opgenomenOp", now=NOW, policy=PRODUCTION, recorder=_recorder("nachtopname", notes)) == night
    [noted] = notes.noted
    assert (noted["veld"], noted["moment"], noted["now"], noted["door"], noted["reden"]) == (
        "opgenomenOp",
        night,
        NOW,
        "CT-IJSSEL-VECHT",
        "nachtopname",
    )
    # exactly 30 days back is inside the window, a minute more is not, reason or no reason
    assert backdating.moment(NOW - timedelta(days=30), "opgenomenOp", now=NOW, policy=PRODUCTION, recorder=_recorder("x", notes))
    beyond = NOW - timedelta(days=30, minutes=1)
    assert _refusal(PRODUCTION, "archief", value=beyond) == ("opgenomenOp", "beyond-late-registration-window")


def test_a_day_before_today_is_late_in_dutch_time() -> None:
    notes = _Notes()
    late_evening = datetime(2026, 5, 31, 22, 30, tzinfo=UTC)  # 00:30 on 1 June in Dutch time: "today" is 1 June
    assert backdating.day(date(2026, 6, 1), "meldDatum", now=late_evening, policy=PRODUCTION) == date(2026, 6, 1)
    with pytest.raises(InvalidInput) as refused:
        backdating.day(date(2026, 5, 31), "meldDatum", now=late_evening, policy=PRODUCTION, recorder=_recorder(None, notes))
    assert [(p.name, p.code) for p in refused.value.invalid_params or []] == [("redenLateRegistratie", "reason-required")]
    assert backdating.day(date(2026, 5, 31), "meldDatum", now=NOW, policy=PRODUCTION, recorder=_recorder("x", notes))
    assert notes.noted[0]["moment"] == datetime(2026, 5, 30, 22, 0, tzinfo=UTC)  # 00:00 Dutch time on 31 May
    with pytest.raises(InvalidInput) as future:
        backdating.day(date(2026, 6, 2), "meldDatum", now=NOW, policy=FREE)
    assert [(p.name, p.code) for p in future.value.invalid_params or []] == [("meldDatum", "future-date")]
    with pytest.raises(InvalidInput) as old:
        backdating.day(date(2026, 5, 1), "meldDatum", now=NOW, policy=PRODUCTION, recorder=_recorder("x", notes))
    assert [(p.name, p.code) for p in old.value.invalid_params or []] == [("meldDatum", "beyond-late-registration-window")]
