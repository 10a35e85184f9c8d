"""Every operation that answers 201 can say where the new record is (Location): by a self link in its body, a GET
that answers the same model by id, or its collection's GET by id (journey_platform.web.navigation). The few that
cannot yet are listed here, so a new one cannot slip in unnoticed."""

import importlib
from typing import Any

import pytest
from fastapi import routing
from fastapi.routing import APIRoute

from journey_platform.testing.plugin import SERVICES
from journey_platform.web.navigation import NavigationMiddleware

# A batch of units creates many resources, not one: its answer lists each with its id (and GET /v1/woningen finds them).
WITHOUT_LOCATION = {
    ("housing", "/woningbatches"),
}


def api_of(service: str) -> Any:
    settings_module = importlib.import_module(f"{service}.settings")
    settings = next(
        getattr(settings_module, n) for n in dir(settings_module) if n.endswith("Settings") and n != "ServiceSettings"
    )
    return importlib.import_module(f"{service}.entrypoints.app").create_app(settings()).state.api


@pytest.mark.parametrize("service", SERVICES)
def test_every_201_has_a_location(service: str) -> None:
    api = api_of(service)
    navigation = NavigationMiddleware(api, api)
    navigation._learn_routes()
    assert navigation._created is not None
    missing = set()
    for ctx in routing.iter_route_contexts(api.routes):
        route = ctx.original_route
        if not (isinstance(route, APIRoute) and "POST" in (route.methods or set()) and route.status_code == 201):
            continue
        self_link = "links" in getattr(route.response_model, "model_computed_fields", {})
        if id(route) not in navigation._created and not self_link:
            missing.add((service, ctx.path))
    assert missing == {m for m in WITHOUT_LOCATION if m[0] == service}
