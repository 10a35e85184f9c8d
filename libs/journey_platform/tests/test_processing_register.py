"""Every API operation of every service is in its register of processing activities (verwerkingsregister)."""

import importlib

import pytest

from journey_platform.privacy.register import Register
from journey_platform.testing.plugin import SERVICES, settings_class


def operations(service: str) -> set[str]:
    app = importlib.import_module(f"{service}.entrypoints.app").create_app(settings_class(service)())
    document = app.state.api.openapi()
    return {op["operationId"] for path in document["paths"].values() for op in path.values() if "operationId" in op}


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_has_an_entry_and_every_entry_an_operation(service: str) -> None:
    register = Register.of_package(service)
    ops = operations(service)
    assert ops - register.operaties.keys() == set(), "add these operations to verwerkingsregister.yaml"
    assert register.operaties.keys() - ops == set(), "these register entries name no operation"
    assert register.operaties["raadpleegVerwerkingen"] == "inzageverzoek-afhandelen"


def test_an_activity_the_register_does_not_describe_is_refused() -> None:
    register = Register(activiteiten={}, operaties={"zoekIets": "onbekend"})
    assert register.check() == ["zoekIets → onbekend"]
    assert register.activity_of("zoekAndersIets")[0] == "niet-geregistreerd"
