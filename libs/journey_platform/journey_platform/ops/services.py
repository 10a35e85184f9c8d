"""Finding a service's settings and tables by its name, without the ops tools depending on the services."""

from __future__ import annotations

import importlib
from typing import Any

from journey_platform.messaging.tables import MessagingTables
from journey_platform.settings import ServiceSettings

SERVICES = ("intake", "placement", "housing", "reporting")


def settings_of(service: str, **overrides: Any) -> ServiceSettings:
    """The service's settings from its environment (e.g. INTAKE_DATABASE_URL), with overrides on top."""
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}; one of {', '.join(SERVICES)}")
    module = importlib.import_module(f"{service}.settings")
    cls = next(v for k, v in vars(module).items() if k.endswith("Settings") and k != "ServiceSettings")
    return cls(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[no-any-return]  # the class is found by name in the service's settings module


def tables_of(service: str) -> MessagingTables:
    return importlib.import_module(f"{service}.adapters.orm").messaging  # type: ignore[no-any-return]  # each service's orm module defines `messaging`
