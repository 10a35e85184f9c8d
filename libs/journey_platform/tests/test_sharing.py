"""The basis rule for sharing a client's data: valid consent, the expiry boundary (Dutch days), revocation, scope."""

from datetime import UTC, date, datetime
from uuid import uuid4

from journey_platform.sharing import Consent, ConsentStatus, Weigering, basis, status

CORP, OTHER = "dewoonplaats", "salland-wonen"


def consent(**overrides: object) -> Consent:
    fields: dict[str, object] = {
        "id": uuid4(),
        "ontvanger_type": "woningcorporatie",
        "ontvanger_id": CORP,
        "doelen": frozenset({"huisvesting"}),
        "geldig_van": date(2026, 6, 1),
        "geldig_tot": date(2026, 6, 30),
        "ingetrokken_op": None,
    }
    return Consent(**{**fields, **overrides})  # type: ignore[arg-type]  # overrides are checked by Consent itself


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_a_valid_consent_is_the_basis() -> None:
    given = consent()
    assert basis([given], "woningcorporatie", CORP, "huisvesting", at(2026, 6, 15, 12)) == given


def test_expiry_is_inclusive_of_the_last_dutch_day() -> None:
    given = consent()
    # 30 June 23:59 in the Netherlands (21:59 UTC, summer time): still valid.
    assert basis([given], "woningcorporatie", CORP, "huisvesting", at(2026, 6, 30, 21, 59)) == given
    # 1 July 00:00 in the Netherlands is 30 June 22:00 UTC: expired, though UTC's day is still the 30th.
    assert basis([given], "woningcorporatie", CORP, "huisvesting", at(2026, 6, 30, 22, 0)) is Weigering.verlopen
    assert status(given, at(2026, 6, 30, 22, 0)) is ConsentStatus.verlopen


def test_not_yet_in_force_before_the_first_day() -> None:
    given = consent()
    assert basis([given], "woningcorporatie", CORP, "huisvesting", at(2026, 5, 31, 21, 59)) is Weigering.nog_niet_geldig
    assert basis([given], "woningcorporatie", CORP, "huisvesting", at(2026, 5, 31, 22, 0)) == given


def test_a_revoked_consent_is_no_basis_even_within_its_period() -> None:
    revoked = consent(ingetrokken_op=at(2026, 6, 10))
    assert basis([revoked], "woningcorporatie", CORP, "huisvesting", at(2026, 6, 15)) is Weigering.ingetrokken
    assert status(revoked, at(2026, 6, 15)) is ConsentStatus.ingetrokken


def test_wrong_scope_or_recipient_is_no_consent() -> None:
    given = consent()
    now = at(2026, 6, 15)
    assert basis([given], "woningcorporatie", OTHER, "huisvesting", now) is Weigering.geen
    assert basis([given], "zorgaanbieder", CORP, "huisvesting", now) is Weigering.geen
    assert basis([given], "woningcorporatie", CORP, "woonbegeleiding", now) is Weigering.geen
    assert basis([], "woningcorporatie", CORP, "huisvesting", now) is Weigering.geen


def test_consent_for_a_type_covers_every_organisation_of_it() -> None:
    any_corp = consent(ontvanger_id=None)
    assert basis([any_corp], "woningcorporatie", OTHER, "huisvesting", at(2026, 6, 15)) == any_corp


def test_one_valid_consent_suffices_and_the_most_telling_refusal_wins() -> None:
    now = at(2026, 6, 15)
    revoked, expired = consent(ingetrokken_op=at(2026, 6, 1)), consent(geldig_tot=date(2026, 6, 10))
    renewed = consent(geldig_van=date(2026, 6, 12), geldig_tot=date(2026, 12, 31))
    assert basis([revoked, expired, renewed], "woningcorporatie", CORP, "huisvesting", now) == renewed
    assert basis([expired, revoked], "woningcorporatie", CORP, "huisvesting", now) is Weigering.ingetrokken
    assert basis([expired, consent(ontvanger_id=OTHER)], "woningcorporatie", CORP, "huisvesting", now) is Weigering.verlopen
