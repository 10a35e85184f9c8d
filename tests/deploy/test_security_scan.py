"""Checkov over the rendered overlays and the Dockerfiles: no failed check, and every skip carries its reason.

Checkov runs from its own venv (.venv-tools, made by `make tools`, which `make test` runs first), never from
the application's: its ~70 dependencies stay out of the services' environment.

Checkov runs offline (--skip-download: no guidelines or severities are fetched), so every failed
check counts, whatever its severity. A check is skipped only by an inline `checkov.io/skipN`
annotation with the reason next to the resource, and only for the checks listed here.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import OVERLAYS, ROOT
from .tools import render, tool

JUSTIFIED_SKIPS = {
    "CKV_K8S_43",  # images by digest: released tags are immutable in the registry (reason inline)
    "CKV_K8S_35",  # secrets as env: the settings are environment variables (reason inline)
}


def checkov(directory: Path, framework: str) -> dict[str, Any]:
    completed = subprocess.run(
        [
            tool("checkov", fall_back_to_path=False),
            "-d",
            str(directory),
            "--framework",
            framework,
            "--skip-download",
            "--compact",
            "-o",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr[-2000:]
    report = json.loads(completed.stdout)
    return report[0] if isinstance(report, list) else report  # type: ignore[no-any-return]  # checkov's JSON report is Any


def assert_clean(report: dict[str, Any]) -> None:
    failed = [(c["check_id"], c.get("resource"), c["check_name"]) for c in report["results"]["failed_checks"]]
    assert failed == [], failed
    for skipped in report["results"].get("skipped_checks", []):
        assert skipped["check_id"] in JUSTIFIED_SKIPS, skipped["check_id"]
        reason = skipped["check_result"].get("suppress_comment") or ""
        assert len(reason) > 20, f"{skipped['check_id']} skipped without a reason"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    for overlay in OVERLAYS:
        for index, resource in enumerate(render(ROOT / "deploy" / "overlays" / overlay)):
            (out / f"{overlay}-{index:03d}-{resource['kind']}.yaml").write_text(yaml.safe_dump(resource))
    (out / "ops-job.yaml").write_text((ROOT / "deploy" / "ops" / "kafka-ops-job.yaml").read_text())
    return out


def test_the_rendered_manifests_pass_checkov(rendered: Path) -> None:
    report = checkov(rendered, "kubernetes")
    assert report["summary"]["resource_count"] > 100 and report["summary"]["parsing_errors"] == 0
    assert_clean(report)


def test_the_dockerfiles_pass_checkov() -> None:
    report = checkov(ROOT / "deploy" / "docker", "dockerfile")
    assert report["summary"]["resource_count"] == 4
    assert_clean(report)
