"""`make demo`'s plan (scripts/demo_plan.py): deterministic, dated no later than today, and calibrated on the seeds."""

import statistics
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import demo_plan as p

TODAY = date(2026, 11, 29)
START = TODAY - timedelta(days=p.YEAR - 1)


def _plan(seed: int = 2024) -> list[p.Journey]:
    journeys: list[p.Journey] = p.plan(TODAY, seed)
    return journeys


def test_the_same_seed_gives_the_same_year_and_another_seed_another() -> None:
    def fingerprint(journeys: list[p.Journey]) -> list[tuple[int, str, str, date, str]]:
        return [(j.n, j.kind, j.municipality, j.reported, str(j.stay.admit if j.stay else "")) for j in journeys]

    assert fingerprint(_plan()) == fingerprint(_plan())
    assert fingerprint(_plan()) != fingerprint(_plan(seed=7))


def test_nothing_is_dated_after_today_and_decisions_follow_reports() -> None:
    for j in _plan():
        assert j.reported <= TODAY
        assert j.decided is None or j.reported <= j.decided <= TODAY
        if j.stay is not None:
            assert j.stay.admit.date() >= j.reported


def test_the_year_has_the_seed_volumes_per_region() -> None:
    journeys = [j for j in _plan() if j.cohort == "jaar"]
    assert all(START <= j.reported <= TODAY for j in journeys)
    per_region = Counter(j.region.code for j in journeys)
    assert per_region["ijssel-vecht"] == 360  # about 360 reports a year
    kinds = Counter((j.region.code, j.kind) for j in journeys)
    assert kinds["ijssel-vecht", "mo"] == 200  # about 200 reach the acute shelter
    assert kinds["ijssel-vecht", "kort"] > 0 and kinds["midden-ijssel", "kort"] > 0  # out-of-region short stays
    assert kinds["ijssel-vecht", "sluiten"] > 0  # reports without follow-up
    late = [j for j in journeys if j.decided and (j.decided - j.reported).days > 56]
    assert 0 < len(late) < 0.15 * len(journeys)  # most decisions within 8 weeks, not all


def test_mo_stays_average_about_eight_months_in_ijssel_vecht() -> None:
    stays = [j.stay for j in _plan() if j.kind == "mo" and j.region is p.IJSSEL_VECHT and j.stay]
    average = statistics.fmean(s.days for s in stays)
    assert 0.9 * 240 <= average <= 1.1 * 240
    housed = [s for s in stays if s.housed]
    assert 0.4 < len(housed) / len(stays) < 0.7
    assert all(s.ready_after is not None and 0 < s.ready_after < s.days for s in housed)
    waits = [s.days - (s.ready_after or 0) for s in housed]
    assert 1.5 <= statistics.fmean(waits) / p.DAYS_PER_MONTH <= 3.5  # ready to leave → housed, target ≤ 3 months


def test_the_bw_start_fills_the_places_and_the_backlog_has_waited_up_to_its_months() -> None:
    journeys = [j for j in _plan() if j.region is p.MIDDEN_IJSSEL and j.kind == "bw"]
    placed = [j for j in journeys if j.cohort == "geplaatst"]
    backlog = [j for j in journeys if j.cohort == "wachtend"]
    assert len(placed) <= sum(f.plaatsen for f in p.MIDDEN_IJSSEL.bw_facilities)
    assert max(j.decided for j in backlog if j.decided) < START
    assert all(j.decided and j.decided < min(b.decided for b in backlog if b.decided) for j in placed)
    oldest = min(j.decided for j in backlog if j.decided)
    assert (START - oldest).days / p.DAYS_PER_MONTH == pytest.approx(p.MIDDEN_IJSSEL.bw_backlog_months, abs=0.5)


def test_a_smaller_scale_plans_fewer_journeys() -> None:
    assert 0.08 * len(_plan()) < len(p.plan(TODAY, 2024, scale=0.1)) < 0.12 * len(_plan())


def test_the_demo_answers_at_least_five_questionnaires_per_chosen_municipality() -> None:
    import demo_experience as e

    journeys = _plan()
    for n, j in enumerate(journeys):
        j.state["traject"] = f"t{n}"  # as after the reports
    chosen = e.chosen(journeys)
    per = Counter(j.municipality for j in chosen)
    assert per and min(per.values()) >= 5 and {"GM0193", "GM0150"} <= set(per)
    assert [j.n for j in e.chosen(_plan())] == [] and [j.n for j in chosen] == [j.n for j in e.chosen(journeys)]
    import random

    form = e.form(random.Random(1), "tijdens-opvang")
    assert form["toestemming"] == "nee" and form["veilig-gevoeld"] in e.SCALE
