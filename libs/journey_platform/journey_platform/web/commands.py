"""The base of every service's request bodies (commands): camelCase aliases, no unknown fields, dates only
as the ISO 8601 strings the OpenAPI documents promise, and every value within the rules of
`journey_platform.web.values` (no control characters in text, dates in 1900–2100): 400 naming the field."""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic.alias_generators import to_camel

from journey_platform.web.values import check_value


def _is_temporal(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, date):  # date and datetime
        return True
    return any(_is_temporal(arg) for arg in get_args(annotation))


class Command(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _dates_are_no_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        """Pydantic would read `"geboortedatum": 0` as seconds since 1970 (found by fuzzing)."""
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and info.field_name is not None and _is_temporal(cls.model_fields[info.field_name].annotation):
            raise ValueError("must be an ISO 8601 date or date-time string, not a number")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _values_within_the_rules(cls, value: Any) -> Any:
        check_value(value)
        return value
