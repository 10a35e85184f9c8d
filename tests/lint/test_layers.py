"""The service layers and domains know nothing of the web framework (STYLE.md; issue 12 item 4): they raise the
framework-free errors of journey_platform.errors, name the caller with journey_platform.principal, link with
journey_platform.links, and the web layer maps all of it to HTTP in one place (journey_platform.web.problems)."""

import subprocess
import sys

import pytest

from journey_platform.testing.plugin import SERVICES

PROBE = """
import importlib, pkgutil, sys
service = sys.argv[1]
for layer in ("service_layer", "domain"):
    try:
        package = importlib.import_module(f"{service}.{layer}")
    except ModuleNotFoundError:
        continue
    for module in pkgutil.walk_packages(package.__path__, f"{service}.{layer}."):
        importlib.import_module(module.name)
        framework = sorted(m for m in ("fastapi", "starlette") if m in sys.modules)
        if framework:
            print(f"{module.name} imports {', '.join(framework)}")
            sys.exit(1)
"""


@pytest.mark.parametrize("service", SERVICES)
def test_the_service_layer_and_domain_import_no_web_framework(service: str) -> None:
    probe = subprocess.run([sys.executable, "-c", PROBE, service], capture_output=True, text=True, timeout=120)
    assert probe.returncode == 0, probe.stdout + probe.stderr
