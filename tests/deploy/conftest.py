from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .tools import render

ROOT = Path(__file__).resolve().parents[2]
OVERLAYS = ("dev", "production")


@pytest.fixture(scope="session", params=OVERLAYS)
def overlay(request: pytest.FixtureRequest) -> tuple[str, list[dict[str, Any]]]:
    """(name, rendered resources) of each overlay, rendered by `kubectl kustomize`."""
    return request.param, render(ROOT / "deploy" / "overlays" / request.param)
