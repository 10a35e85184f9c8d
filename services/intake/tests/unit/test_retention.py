from datetime import UTC, datetime, timedelta

from intake.domain.retention import JourneyRecord, RecordKind, RetentionPeriods, classify, expired

NOW = datetime(2030, 6, 1, tzinfo=UTC)
PERIODS = RetentionPeriods(
    closed_journey=timedelta(days=7 * 365), report_without_follow_up=timedelta(days=2 * 365), prevention_case=timedelta(days=365)
)


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


def test_a_journey_is_classified_by_how_it_ended() -> None:
    assert classify("gesloten", ago(1), ["afgesloten", "afgesloten"], []).kind is RecordKind.melding_zonder_vervolg
    assert classify("gesloten", ago(1), ["afgesloten", "besloten"], []).kind is RecordKind.gesloten_traject
    assert classify("open", None, [], [ago(10), ago(3)]) == JourneyRecord(RecordKind.preventiezaak, ago(3))
    assert classify("open", None, ["besloten"], [ago(10)]).kind is None  # still in use


def test_a_person_expires_only_when_every_journey_has_outlived_its_period() -> None:
    without_follow_up = classify("gesloten", ago(2 * 365 + 1), ["afgesloten"], [])
    assert expired([without_follow_up], PERIODS, NOW) is RecordKind.melding_zonder_vervolg
    assert expired([classify("gesloten", ago(2 * 365 - 1), ["afgesloten"], [])], PERIODS, NOW) is None
    decided = classify("gesloten", ago(3 * 365), ["besloten"], [])
    assert expired([without_follow_up, decided], PERIODS, NOW) is None  # the decided journey is kept 7 years
    assert expired([without_follow_up, classify("open", None, ["open"], [])], PERIODS, NOW) is None
    assert expired([], PERIODS, NOW) is None


def test_the_kind_that_kept_the_data_longest_is_named() -> None:
    old_decided = classify("gesloten", ago(8 * 365), ["besloten"], [])
    prevention = classify("open", None, [], [ago(400)])
    assert expired([old_decided, prevention], PERIODS, NOW) is RecordKind.preventiezaak
