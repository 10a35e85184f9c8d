"""The read models select only the event types an indicator can depend on (attribution.indicator_event_types):
every name an indicator function asks a snapshot for must be among them, or the scoped path would miss facts."""

from datetime import date
from typing import Any

import pytest

from journey_platform.reference import load_reference_data
from reporting.domain.indicators.attribution import READ_BY_INDICATORS, indicator_event_types
from reporting.domain.indicators.catalogue import INDICATORS
from reporting.domain.indicators.history import Fact, History, Snapshot
from reporting.domain.indicators.targets import load_doelen
from reporting.service_layer import indicators
from reporting.service_layer.projector import record
from reporting.service_layer.scope import Scope, resolve_window
from reporting.testing.history_generator import generate


def test_every_name_an_indicator_reads_is_selected(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: set[str] = set()
    named = Snapshot.named

    def recording(self: Snapshot, *names: str) -> Any:
        asked.update(names)
        return named(self, *names)

    monkeypatch.setattr(Snapshot, "named", recording)
    stored = [record(e) for e in generate(600, seed=4)]
    history = History([Fact.of(g.event_type, g.tijdstip, g.traject_id, g.data) for g in stored])
    region = load_reference_data().regions[1]
    codes = tuple(m.code for m in region.municipalities)
    scope = Scope(region.code, None, codes, codes)
    window = resolve_window(scope, date(2023, 6, 30), date(2023, 6, 30), None, None)
    indicators.overview(history, load_doelen(), scope, window)
    for indicator in INDICATORS:
        indicators.detail(history, load_doelen(), load_reference_data(), indicator.code, scope, window)
    assert asked and asked <= READ_BY_INDICATORS, asked - READ_BY_INDICATORS
    selected = {t.split(".")[-2] for t in indicator_event_types()}
    assert selected >= READ_BY_INDICATORS
