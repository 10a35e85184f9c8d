"""The matrix covers every operation of every service, and docs/privacy/authorisation.md shows the matrix.

An operation added to a service without a row in tests/privacy/matrix.py and a `Call` in its
test_matrix_<service>.py fails here; so does a row for an operation that is gone.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from journey_platform.testing.plugin import SERVICES, settings_class

from . import test_matrix_housing, test_matrix_intake, test_matrix_placement, test_matrix_reporting
from .harness import check_coverage
from .matrix import BEGIN, DOC, END, render_markdown

CALLS = {
    "intake": test_matrix_intake.CALLS,
    "placement": test_matrix_placement.CALLS,
    "housing": test_matrix_housing.CALLS,
    "reporting": test_matrix_reporting.CALLS,
}
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_has_a_row_and_a_call(service: str) -> None:
    app = importlib.import_module(f"{service}.entrypoints.app").create_app(settings_class(service)(environment="test"))
    check_coverage(service, app, CALLS[service])


def test_the_document_shows_the_matrix() -> None:
    text = (ROOT / DOC).read_text()
    generated = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert generated == render_markdown(), "run: .venv/bin/python tests/privacy/matrix.py"
