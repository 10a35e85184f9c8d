"""Targets are data; the monthly trend and the comparison across municipalities come from the same functions."""

import uuid
from datetime import date

from reporting.domain.indicators.catalogue import BY_CODE
from reporting.domain.indicators.common import Window
from reporting.domain.indicators.compute import compute, months_of, per_gemeente, per_maand
from reporting.domain.indicators.targets import load_doelen, parse_doelen
from reporting.tests_support import Client, facility, history


def test_the_packaged_targets_carry_the_regions_baselines() -> None:
    doelen = load_doelen()
    bw = doelen.voor("bw-clienten", "midden-ijssel", None)
    assert bw is not None and bw.basiswaarde == 269 and bw.doelwaarde == 215.2 and bw.richting == "<="
    mo = doelen.voor("mo-unieke-clienten", "midden-ijssel", None)
    assert mo is not None and mo.doelwaarde == 194.4
    assert doelen.voor("bw-clienten", "ijssel-vecht", None) is None
    assert doelen.voor("bw-clienten", "midden-ijssel", "GM0150") is None  # a regional target is no municipality's
    assert doelen.voor("bw-wachttijd", "midden-ijssel", None).basiswaarde == 9.2  # type: ignore[union-attr]  # the target exists in doelen.yaml
    assert doelen.voor("bw-wachttijd", "ijssel-vecht", "GM0193").doelwaarde == 3  # type: ignore[union-attr]  # the target exists in doelen.yaml


def test_a_configured_target_decides_whether_it_is_met() -> None:
    doelen = parse_doelen({"doelen": {"meldingen": [{"gemeente": "GM0150", "norm": "<=", "waarde": 1, "toelichting": "t"}]}})
    a = Client("GM0150")
    h = history(a.melding(date(2024, 1, 1)), a.melding(date(2024, 2, 1), nieuw=False))
    w = Window(date(2024, 1, 1), date(2024, 12, 31), date(2024, 12, 31), frozenset({"GM0150"}))
    result = compute(h, BY_CODE["meldingen"], w, doelen.voor("meldingen", "midden-ijssel", "GM0150"))
    assert result.waarde == 2 and result.gehaald is False


def test_monthly_trend_gives_flows_per_month_and_stocks_at_each_month_end() -> None:
    a, b = Client("GM0150"), Client("GM0262")
    bw = uuid.uuid4()
    h = history(
        facility("beschermd-wonen", 10, "GM0150", facility_id=bw),
        a.melding(date(2024, 1, 15)),
        b.melding(date(2024, 3, 2)),
        a.plaatsing(date(2024, 2, 10), bw),
    )
    w = Window(date(2024, 1, 1), date(2024, 12, 31), date(2024, 3, 31), frozenset({"GM0150", "GM0262"}))
    assert [(m, r.waarde) for m, r in per_maand(h, BY_CODE["meldingen"], w)] == [
        (date(2024, 1, 1), 1),
        (date(2024, 2, 1), 0),
        (date(2024, 3, 1), 1),
    ]
    assert [r.waarde for _, r in per_maand(h, BY_CODE["bw-clienten"], w)] == [0, 1, 1]
    assert [(g, r.waarde) for g, r in per_gemeente(h, BY_CODE["meldingen"], w, ["GM0150", "GM0262"])] == [
        ("GM0150", 1),
        ("GM0262", 1),
    ]


def test_months_of_a_period_stop_at_the_reference_date() -> None:
    w = Window(date(2024, 1, 15), date(2024, 12, 31), date(2024, 3, 10))
    assert months_of(w) == [
        (date(2024, 1, 15), date(2024, 1, 31)),
        (date(2024, 2, 1), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 10)),
    ]
