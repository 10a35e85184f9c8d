"""The journey page's names of the reference facilities are placement's reference file as it stands, keyed by the
ids placement gives them (scripts/dashboard_facilities.py)."""

import importlib.util
import json
import re
from pathlib import Path

from placement.reference_facilities import read_reference_facilities

ROOT = Path(__file__).resolve().parents[2]


def generator() -> object:
    spec = importlib.util.spec_from_file_location("dashboard_facilities", ROOT / "scripts" / "dashboard_facilities.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_names_are_up_to_date() -> None:
    module = generator()
    target: Path = module.TARGET  # type: ignore[attr-defined]  # a module loaded from a path is untyped
    assert target.read_text(encoding="utf-8") == module.render(), "run: .venv/bin/python scripts/dashboard_facilities.py"  # type: ignore[attr-defined]  # idem


def test_every_reference_facility_is_named_by_its_placement_id() -> None:
    text = (ROOT / "services/reporting/reporting/entrypoints/dashboard/voorzieningen.js").read_text(encoding="utf-8")
    named = json.loads(re.search(r"const VOORZIENINGEN = (\{.*\});", text, re.S).group(1))  # type: ignore[union-attr]  # the generated file has it
    facilities = read_reference_facilities(None).facilities
    assert {str(f.id): f.naam for f in facilities} == {k: v["naam"] for k, v in named.items()}
