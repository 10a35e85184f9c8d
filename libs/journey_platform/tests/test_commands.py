"""The shared command base: dates come as ISO 8601 strings only (a number was read as seconds since 1970)."""

from datetime import date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from journey_platform.web.commands import Command


class Inner(Command):
    geboortedatum: date | None = None


class Outer(Command):
    meld_datum: date
    gemeld_op: datetime | None = None
    aantal: int = 0
    persoon: Inner | None = None


def test_iso_strings_and_dates_pass_and_other_numbers_stay_numbers() -> None:
    body = Outer.model_validate(
        {
            "meldDatum": "2026-11-02",
            "gemeldOp": "2026-11-02T09:00:00+01:00",
            "aantal": 3,
            "persoon": {"geboortedatum": "1980-04-01"},
        }
    )
    assert body.meld_datum == date(2026, 11, 2) and body.aantal == 3 and body.persoon and body.persoon.geboortedatum
    assert Outer(meld_datum=date(2026, 1, 1)).meld_datum.year == 2026


@pytest.mark.parametrize(
    "body",
    [
        {"meldDatum": 0},
        {"meldDatum": "2026-11-02", "gemeldOp": 1.5e9},
        {"meldDatum": "2026-11-02", "persoon": {"geboortedatum": 86400}},
    ],
)
def test_a_number_is_no_date(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="not a number"):
        Outer.model_validate(body)
