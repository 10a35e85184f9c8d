"""No source module over 300 lines (issue 12 item 4): every Python module of libs/ and services/ outside the
migrations and tests folders, test support that lives in a package (reporting's `tests_support.py`, `testing/`)
included. A module that grows past the limit is split by responsibility (docs/architecture.md, "Layout")."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 300


def source_modules() -> list[Path]:
    """`find libs services -name '*.py' -not -path '*/migrations/*' -not -path '*/tests/*'`."""
    return sorted(
        path
        for top in ("libs", "services")
        for path in (ROOT / top).rglob("*.py")
        if not {"migrations", "tests"} & set(path.relative_to(ROOT).parts[:-1])
    )


def lines(path: Path) -> int:
    """As `wc -l` counts them: newline characters."""
    return path.read_bytes().count(b"\n")


def test_the_search_sees_the_source_modules() -> None:
    found = {path.relative_to(ROOT).as_posix() for path in source_modules()}
    assert "libs/journey_platform/journey_platform/messaging/consumer.py" in found
    assert "services/reporting/reporting/tests_support.py" in found
    assert not any("/migrations/" in name or "/tests/" in name for name in found)


def test_no_source_module_over_300_lines() -> None:
    too_long = [f"{path.relative_to(ROOT)} ({lines(path)})" for path in source_modules() if lines(path) > LIMIT]
    assert not too_long, f"modules over {LIMIT} lines, split them by responsibility: " + ", ".join(too_long)
