"""Every service's OpenAPI document passes the NL API Design Rules linter (../shared/adr/linter.yaml)."""

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from journey_platform.testing.plugin import SERVICES, settings_class

ROOT = Path(__file__).resolve().parents[2]
RULESET_CANDIDATES = [ROOT.parent / "shared" / "adr" / "linter.yaml"]
SPECTRAL = ["npx", "--yes", "@stoplight/spectral-cli@6.16.3"]


def ruleset() -> Path:
    for candidate in RULESET_CANDIDATES:
        if candidate.exists():
            return candidate
    pytest.fail("the ADR linter ruleset is missing")


def openapi_of(service: str) -> dict[str, Any]:
    import importlib

    app = importlib.import_module(f"{service}.entrypoints.app").create_app(settings_class(service)(environment="test"))
    return app.state.api.openapi()  # type: ignore[no-any-return]  # Starlette's app.state is untyped


@pytest.mark.lint
@pytest.mark.parametrize("service", SERVICES)
def test_openapi_passes_the_adr_linter(service: str, tmp_path: Path) -> None:
    if shutil.which("npx") is None:
        if os.environ.get("CI"):
            pytest.fail("npx is needed to run Spectral in CI")
        pytest.skip("npx not available")
    document = tmp_path / f"{service}-openapi.json"
    document.write_text(json.dumps(openapi_of(service)))
    result = subprocess.run(
        [*SPECTRAL, "lint", "--fail-severity", "error", "-r", str(ruleset()), str(document)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
