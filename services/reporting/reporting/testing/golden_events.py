"""The event lists the golden indicator tests (tests/unit/test_indicators_golden.py) build their histories from,
captured by running them: the equivalence tests of the read models feed them through the projection."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from journey_platform.messaging.envelope import CloudEvent
from reporting.domain.indicators.history import History
from reporting.tests_support import history


def golden_histories(golden: Path) -> list[list[CloudEvent]]:
    """Run every test of the golden module at `golden` with its history builder captured."""
    spec = importlib.util.spec_from_file_location(f"golden_{id(golden)}", golden)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    captured: list[list[CloudEvent]] = []

    def capture(*events: CloudEvent) -> History:
        captured.append(list(events))
        return history(*events)

    setattr(module, "history", capture)  # noqa: B010  # the golden module's builder, captured
    for name in dir(module):
        if name.startswith("test_"):
            getattr(module, name)()
    return captured
