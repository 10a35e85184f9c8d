"""The rule for every value a client sends (journey_platform.web.values): text, dates and query moments.
Expected moments worked out by hand: Amsterdam is UTC+1 in winter and UTC+2 in summer (CEST from 29 March 2026)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from journey_platform.web.commands import Command
from journey_platform.web.values import IsoDate, IsoDateTime

MOMENT: TypeAdapter[datetime] = TypeAdapter(IsoDateTime)
DAY: TypeAdapter[date] = TypeAdapter(IsoDate)


@pytest.mark.parametrize(
    ("given", "utc"),
    [
        ("2026-01-01", datetime(2025, 12, 31, 23, 0, tzinfo=UTC)),  # start of the Dutch day, winter time
        ("2026-07-01", datetime(2026, 6, 30, 22, 0, tzinfo=UTC)),  # summer time
        ("2026-07-01T10:00:00", datetime(2026, 7, 1, 8, 0, tzinfo=UTC)),  # local time is Dutch time
        ("2026-07-01T10:00:00Z", datetime(2026, 7, 1, 10, 0, tzinfo=UTC)),
        ("2026-07-01T10:00:00+01:00", datetime(2026, 7, 1, 9, 0, tzinfo=UTC)),
    ],
)
def test_a_query_moment_may_be_a_date_a_local_time_or_a_time_with_offset(given: str, utc: datetime) -> None:
    parsed = MOMENT.validate_python(given)
    assert parsed.tzinfo is not None and parsed == utc


@pytest.mark.parametrize(
    "given", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "1899-12-31T23:59:59Z", "2101-01-01", "0", "1.5e9"]
)
def test_a_query_moment_outside_1900_2100_or_a_number_is_refused(given: str) -> None:
    with pytest.raises(ValidationError):
        MOMENT.validate_python(given)


def test_query_dates_keep_to_1900_2100() -> None:
    assert DAY.validate_python("1900-01-01") == date(1900, 1, 1)
    assert DAY.validate_python("2100-12-31") == date(2100, 12, 31)
    for given in ("1899-12-31", "2101-01-01", "0001-01-01", "9999-12-31"):
        with pytest.raises(ValidationError):
            DAY.validate_python(given)


class Inner(Command):
    naam: str


class Outer(Command):
    titel: str
    labels: list[str] = []
    extra: dict[str, str] = {}
    op: date | None = None
    binnen: Inner | None = None


def error_locations(body: dict[str, Any]) -> set[tuple[Any, ...]]:
    with pytest.raises(ValidationError) as info:
        Outer.model_validate(body)
    return {tuple(e["loc"]) for e in info.value.errors()}


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\x80", "\x9f", "\ud800", "\udfff"])
def test_every_command_refuses_control_characters_wherever_the_text_is(character: str) -> None:
    text = f"a{character}b"
    assert error_locations({"titel": text}) == {("titel",)}
    # (pydantic itself already refuses a lone surrogate inside a list or dict, one level deeper)
    assert {loc[0] for loc in error_locations({"titel": "x", "labels": ["ok", text]})} == {"labels"}
    assert {loc[0] for loc in error_locations({"titel": "x", "extra": {text: "v"}})} == {"extra"}
    assert {loc[0] for loc in error_locations({"titel": "x", "extra": {"k": text}})} == {"extra"}
    assert error_locations({"titel": "x", "binnen": {"naam": text}}) == {("binnen", "naam")}


def test_tabs_newlines_and_ordinary_unicode_pass() -> None:
    body = Outer.model_validate({"titel": "Regel 1\nRegel 2\r\n\tingesprongen — café ‘t Hoekje 🏠"})
    assert body.titel.startswith("Regel 1\n")


def test_every_command_keeps_dates_to_1900_2100() -> None:
    assert Outer.model_validate({"titel": "x", "op": "2100-12-31"}).op == date(2100, 12, 31)
    assert error_locations({"titel": "x", "op": "0001-01-01"}) == {("op",)}
    assert error_locations({"titel": "x", "op": "9999-12-31"}) == {("op",)}
