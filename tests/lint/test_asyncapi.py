"""Every service serves the AsyncAPI 3 document, and the AsyncAPI CLI finds it valid."""

import importlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from journey_platform.asyncapi import render
from journey_platform.testing.plugin import SERVICES, settings_class

ASYNCAPI_CLI = ["npx", "--yes", "@asyncapi/cli@6.2.0"]


@pytest.mark.parametrize("service", SERVICES)
async def test_every_service_serves_the_document_without_a_token(service: str) -> None:
    app = importlib.import_module(f"{service}.entrypoints.app").create_app(settings_class(service)(environment="test"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
        response = await client.get("/v1/asyncapi.json")
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(render()))
    assert "/asyncapi.json" not in app.state.api.openapi()["paths"]


@pytest.mark.lint
def test_the_asyncapi_cli_finds_the_document_valid(tmp_path: Path) -> None:
    if shutil.which("npx") is None:
        if os.environ.get("CI"):
            pytest.fail("npx is needed to validate the AsyncAPI document in CI")
        pytest.skip("npx not available")
    document = tmp_path / "asyncapi.json"
    document.write_text(json.dumps(render()))
    result = subprocess.run(
        [*ASYNCAPI_CLI, "validate", str(document), "--fail-severity", "error"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
        env={**os.environ, "SUPPRESS_NO_CONFIG_WARNING": "true"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
