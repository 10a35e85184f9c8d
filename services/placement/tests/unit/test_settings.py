"""Placement's configuration: the waiting-list order and the checklist are validated at start-up."""

import pytest
from pydantic import ValidationError

from journey_platform.reference import load_reference_data
from placement.service_layer.context import PlacementContext
from placement.settings import PlacementSettings


def test_defaults_are_the_seeds_numbers() -> None:
    ctx = PlacementContext.from_settings(PlacementSettings(environment="test"), load_reference_data(), clock=lambda: None)  # type: ignore[arg-type,return-value]  # a clock that must never be called
    assert ctx.rules.acute_max_weeks == 8
    assert [c.value for c in ctx.order] == ["urgentie", "overgang-jeugdzorg", "besluitdatum"]


def test_the_order_is_configurable_but_must_be_complete_and_unique() -> None:
    settings = PlacementSettings(environment="test", waiting_list_order=["besluitdatum", "urgentie"])
    assert [c.value for c in settings.waiting_list_order] == ["besluitdatum", "urgentie"]
    with pytest.raises(ValidationError):
        PlacementSettings(environment="test", waiting_list_order=["urgentie", "urgentie", "besluitdatum"])
    with pytest.raises(ValidationError):
        PlacementSettings(environment="test", waiting_list_order=["urgentie"])
    with pytest.raises(ValidationError):
        PlacementSettings(environment="test", checklist_due_days={"identiteitsbewijs": 14})
