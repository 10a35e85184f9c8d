"""The dashboard's definitions page is docs/indicators.md as it stands, with a section per indicator."""

from reporting.domain.indicators.catalogue import INDICATORS
from reporting.entrypoints.dashboard_definitions import SOURCE, TARGET, render


def test_the_definitions_page_is_up_to_date() -> None:
    expected = render(SOURCE.read_text(encoding="utf-8"))
    assert TARGET.read_text(encoding="utf-8") == expected, "run: python -m reporting.entrypoints.dashboard_definitions"


def test_every_indicator_has_its_definition() -> None:
    page = TARGET.read_text(encoding="utf-8")
    assert all(f'id="def-{indicator.code}"' in page for indicator in INDICATORS)
