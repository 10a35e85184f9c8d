"""Reports, follow-up, the 8-week term and routes, on hand-made event sequences with known answers."""

from datetime import date, datetime

from reporting.domain.indicators import reports
from reporting.domain.indicators.common import Window
from reporting.tests_support import Client, history

YEAR_2024 = Window(date(2024, 1, 1), date(2024, 12, 31), date(2024, 12, 31))


def test_reports_count_every_report_and_each_person_once() -> None:
    a, b = Client("GM0150"), Client("GM0262")
    h = history(
        a.melding(date(2024, 2, 1)),
        a.melding(date(2024, 3, 1), herhaal=True, nieuw=False),
        b.melding(date(2024, 5, 1)),
        a.melding(date(2023, 12, 31)),
    )  # last year's report is outside the period
    values = reports.meldingen(h.as_of(YEAR_2024.peildatum), YEAR_2024)
    assert values == {"meldingen": 3, "uniekePersonen": 2, "herhaalmeldingen": 1}
    deventer = reports.meldingen(h.as_of(YEAR_2024.peildatum), YEAR_2024.only("GM0150"))
    assert deventer["meldingen"] == 2


def test_a_report_made_before_the_reference_date_but_recorded_late_still_counts_as_of_that_date() -> None:
    a = Client()
    late = a.melding(date(2024, 1, 10), recorded=datetime(2024, 3, 1, 9, 0).astimezone())
    h = history(late)
    as_of_jan = Window(date(2024, 1, 1), date(2024, 1, 31), date(2024, 1, 31))
    assert reports.meldingen(h.as_of(as_of_jan.peildatum), as_of_jan)["meldingen"] == 1
    before = Window(date(2024, 1, 1), date(2024, 1, 31), date(2024, 1, 9))
    assert reports.meldingen(h.as_of(before.peildatum), before)["meldingen"] == 0


def test_reports_without_follow_up_as_known_on_the_reference_date() -> None:
    a, b = Client(), Client()
    h = history(a.melding(date(2024, 1, 5)), b.melding(date(2024, 1, 6)), a.afgesloten(date(2024, 2, 1)))
    w = Window(date(2024, 1, 1), date(2024, 1, 31), date(2024, 3, 1))
    assert reports.meldingen_zonder_vervolg(h.as_of(w.peildatum), w) == {
        "meldingen": 2,
        "zonderVervolg": 1,
        "aandeelZonderVervolg": 50.0,
    }
    earlier = Window(date(2024, 1, 1), date(2024, 1, 31), date(2024, 1, 31))
    assert reports.meldingen_zonder_vervolg(h.as_of(earlier.peildatum), earlier)["zonderVervolg"] == 0


def test_decisions_within_eight_weeks_of_the_report() -> None:
    fast, slow, other_year = Client(), Client(), Client()
    h = history(
        fast.melding(date(2024, 1, 1)),
        fast.besluit(date(2024, 2, 26)),  # exactly 8 weeks: on time
        slow.melding(date(2024, 1, 1)),
        slow.besluit(date(2024, 2, 27)),  # one day late
        other_year.melding(date(2023, 12, 1)),
        other_year.besluit(date(2023, 12, 20)),
    )
    values = reports.beslissingen_binnen_termijn(h.as_of(YEAR_2024.peildatum), YEAR_2024)
    assert values == {"beslissingen": 2, "binnenTermijn": 1, "buitenTermijn": 1, "aandeelBinnenTermijn": 50.0}


def test_open_reports_by_days_left_on_the_reference_date() -> None:
    cases = [Client() for _ in range(4)]
    h = history(
        cases[0].melding(date(2024, 1, 1)),  # term 26-2: passed on 1-3
        cases[1].melding(date(2024, 1, 10)),  # term 6-3: 5 days left
        cases[2].melding(date(2024, 2, 20)),  # term 16-4: 46 days left
        cases[3].melding(date(2024, 1, 15)),
        cases[3].besluit(date(2024, 2, 1)),
    )  # decided: not open
    w = Window(date(2024, 1, 1), date(2024, 12, 31), date(2024, 3, 1))
    values = reports.openstaande_meldingen(h.as_of(w.peildatum), w)
    assert values == {"open": 3, "verstreken": 1, "dagen0tot7": 1, "dagen8tot14": 0, "dagen15tot28": 0, "dagen29ofMeer": 1}
    decided_later = Window(date(2024, 1, 1), date(2024, 12, 31), date(2024, 1, 20))
    assert reports.openstaande_meldingen(h.as_of(decided_later.peildatum), decided_later)["open"] == 3  # case 3 not yet decided


def test_routes_into_homelessness_count_new_journeys_only() -> None:
    a, b, c = Client(), Client(), Client()
    h = history(
        a.melding(date(2024, 1, 1), route="huisuitzetting"),
        b.melding(date(2024, 1, 2), route="uitstroom-instelling"),
        a.melding(date(2024, 2, 1), route="huisuitzetting", nieuw=False, herhaal=True),
        c.melding(date(2024, 3, 1), route="remigratie"),
    )
    values = reports.routes_dakloosheid(h.as_of(YEAR_2024.peildatum), YEAR_2024)
    assert values["nieuweTrajecten"] == 3
    assert (values["huisuitzetting"], values["uitstroom-instelling"], values["remigratie"], values["onbekend"]) == (1, 1, 1, 0)


def test_window_clips_the_period_at_the_reference_date() -> None:
    a = Client()
    h = history(a.melding(date(2024, 6, 1)))
    w = Window(date(2024, 1, 1), date(2024, 12, 31), date(2024, 5, 31))
    assert reports.meldingen(h.as_of(w.peildatum), w)["meldingen"] == 0
