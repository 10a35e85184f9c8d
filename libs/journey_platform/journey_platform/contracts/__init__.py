"""The event contracts of all services. See docs/events.md (generated from these)."""

import importlib

CONTRACT_MODULES = (
    "journey_platform.contracts.intake",
    "journey_platform.contracts.placement",
    "journey_platform.contracts.housing",
    "journey_platform.contracts.public",
    "journey_platform.contracts.consent",
    "journey_platform.contracts.erasure",
    "journey_platform.contracts.identity",
)


def load_all() -> None:
    for module in CONTRACT_MODULES:
        importlib.import_module(module)
