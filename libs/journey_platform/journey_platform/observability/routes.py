"""A request's route as a template, for metric labels and the processing log; framework-free (an ASGI scope is a
mapping), so the processing log can be used from the service layers and consumers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

UNMATCHED = "unmatched"  # keeps the label set bounded when clients probe unknown paths


def route_template(scope: Mapping[str, Any]) -> str:
    """`/v1/meldingen/{meldingId}` rather than the concrete path (which would explode the label set)."""
    path = getattr(scope.get("route"), "path", None)
    if path is None:
        return UNMATCHED
    return f"{scope.get('root_path', '')}{path}"
