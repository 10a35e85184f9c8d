"""Each service's Dockerfile, read statically (no Docker engine here): what goes in, who runs it, how it starts."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from journey_platform.testing.plugin import SERVICES

ROOT = Path(__file__).resolve().parents[2]
SHARED = ("constraints.txt", "libs/journey_platform")


@dataclass
class Instruction:
    keyword: str
    arguments: str
    stage: int


def instructions(service: str) -> list[Instruction]:
    """Instructions with continuation lines joined, each tagged with the build stage it belongs to."""
    text = (ROOT / "deploy" / "docker" / f"{service}.Dockerfile").read_text()
    logical: list[str] = []
    pending = ""
    for line in text.splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        pending += line.rstrip().removesuffix("\\") + " " if line.rstrip().endswith("\\") else line.strip()
        if not line.rstrip().endswith("\\"):
            logical.append(pending.strip())
            pending = ""
    stage, parsed = -1, []
    for line in logical:
        keyword, _, arguments = line.partition(" ")
        if keyword.upper() == "FROM":
            stage += 1
        parsed.append(Instruction(keyword.upper(), arguments.strip(), stage))
    return parsed


def copy_sources(instruction: Instruction) -> list[str]:
    parts = [p for p in shlex.split(instruction.arguments) if not p.startswith("--")]
    return parts[:-1]


@pytest.mark.parametrize("service", SERVICES)
def test_the_image_holds_only_its_own_service_and_the_shared_package(service: str) -> None:
    steps = instructions(service)
    assert not [s for s in steps if s.keyword == "ADD"], "ADD fetches and unpacks implicitly; COPY says what goes in"
    sources = [src for s in steps if s.keyword == "COPY" and "--from=" not in s.arguments for src in copy_sources(s)]
    assert sources, "nothing copied"
    for source in sources:
        allowed = source in SHARED or source == f"services/{service}" or source.startswith(f"services/{service}/")
        assert allowed, f"{service} image copies {source}"
        assert (ROOT / source).exists(), f"{source} is not in the repository"
    others = [s for s in SERVICES if s != service]
    assert not any(f"services/{other}" in s.arguments for s in steps for other in others)


@pytest.mark.parametrize("service", SERVICES)
def test_the_image_is_multi_stage_on_slim_python_3_11(service: str) -> None:
    steps = instructions(service)
    args = {
        s.arguments.split("=", 1)[0]: s.arguments.split("=", 1)[1] for s in steps if s.keyword == "ARG" and "=" in s.arguments
    }
    bases = [s.arguments.split()[0] for s in steps if s.keyword == "FROM"]
    assert len(bases) >= 2
    resolved = [args.get(b.strip("${}"), b) for b in bases]
    assert all(b.startswith("python:3.11") and "slim" in b for b in resolved), resolved
    final = max(s.stage for s in steps)
    assert any(s.keyword == "COPY" and s.stage == final and "--from=build" in s.arguments for s in steps)


@pytest.mark.parametrize("service", SERVICES)
def test_the_image_runs_as_a_non_root_user_on_a_read_only_root(service: str) -> None:
    steps = instructions(service)
    final = max(s.stage for s in steps)
    users = [s.arguments for s in steps if s.keyword == "USER" and s.stage == final]
    assert users, "no USER in the final stage"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0") and user.isdigit(), "a numeric non-root uid lets runAsNonRoot verify it"
    env = " ".join(s.arguments for s in steps if s.keyword == "ENV" and s.stage == final)
    assert "PYTHONDONTWRITEBYTECODE=1" in env and "HOME=/tmp" in env


@pytest.mark.parametrize("service", SERVICES)
def test_the_image_has_a_healthcheck_and_starts_the_service_factory(service: str) -> None:
    steps = instructions(service)
    final = max(s.stage for s in steps)
    assert any(s.keyword == "HEALTHCHECK" and s.stage == final and "/healthz" in s.arguments for s in steps)
    [command] = [s.arguments for s in steps if s.keyword == "CMD" and s.stage == final]
    assert command.startswith('["uvicorn", ') and f'"{service}.entrypoints.app:create_app", "--factory"' in command
    migrations = [
        s for s in steps if s.keyword == "COPY" and s.stage == final and f"services/{service}/migrations" in s.arguments
    ]
    assert migrations and (ROOT / "services" / service / "alembic.ini").exists()
