"""Every `type: ignore` names the error it silences and says why (issue: strict types enforced)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WELL_FORMED = re.compile(r"# type: ignore\[[a-z-]+(,[a-z-]+)*\]  # \S")


def test_every_type_ignore_has_a_code_and_a_reason() -> None:
    sources = [p for top in ("libs", "services", "tests", "bench", "scripts") for p in (ROOT / top).rglob("*.py")]
    bad = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        if "migrations" not in path.parts and path != Path(__file__).resolve()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "# type: ignore" in line and not WELL_FORMED.search(line)
    ]
    assert not bad, "type: ignore without [code] and a reason: " + ", ".join(bad)
