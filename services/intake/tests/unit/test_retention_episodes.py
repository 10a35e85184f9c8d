"""Retention starts when an episode closes, and its closing reason says which period applies."""

from datetime import UTC, datetime, timedelta

from intake.domain.retention import RecordKind, RetentionPeriods, classify, expired

NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)
PERIODS = RetentionPeriods(
    closed_journey=timedelta(days=7 * 365), report_without_follow_up=timedelta(days=2 * 365), prevention_case=timedelta(days=365)
)


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


def test_the_closing_reason_decides_the_period() -> None:
    # A journey housed and handed over: the Wmo file's period, from the moment it closed.
    housed = classify("gesloten", ago(10), ["besloten"], [], "gehuisvest-overgedragen")
    assert housed.kind is RecordKind.gesloten_traject and housed.ended_on == ago(10)
    assert classify("gesloten", ago(10), ["afgesloten"], [], "zonder-vervolg").kind is RecordKind.melding_zonder_vervolg
    # An inactive journey with a decision keeps the closed journey's period.
    assert classify("gesloten", ago(10), ["besloten"], [], "inactief").kind is RecordKind.gesloten_traject


def test_an_open_episode_starts_no_period() -> None:
    assert classify("open", None, ["besloten"], []).kind is None
    assert expired([classify("open", None, ["besloten"], [])], PERIODS, NOW) is None


def test_a_prevention_only_episode_closed_as_inactive_keeps_the_prevention_period() -> None:
    record = classify("gesloten", ago(100), [], [ago(400)], "inactief")
    assert record.kind is RecordKind.preventiezaak
    assert expired([record], PERIODS, NOW) is RecordKind.preventiezaak  # signal 400 days ago, period 365


def test_a_return_keeps_the_person_while_the_new_episode_is_open() -> None:
    old = classify("gesloten", ago(8 * 365), ["besloten"], [], "gehuisvest-overgedragen")
    new = classify("open", None, ["open"], [])
    assert expired([old], PERIODS, NOW) is RecordKind.gesloten_traject
    assert expired([old, new], PERIODS, NOW) is None
