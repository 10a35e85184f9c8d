"""Outflow and HUD-style measures on hand-made sequences: ready-to-leave to housed, origin, returns, duration, first-time."""

import uuid
from datetime import date

from reporting.domain.indicators import hud, outflow
from reporting.domain.indicators.common import Window
from reporting.tests_support import Client, history

HERBERG = uuid.uuid4()
YEAR_2024 = Window(date(2024, 1, 1), date(2024, 12, 31), date(2024, 12, 31))


def test_time_from_ready_to_leave_to_housed_and_those_still_waiting() -> None:
    quick, slow, waiting = Client(), Client(), Client()
    h = history(
        quick.uitstroomgereed(date(2024, 1, 1)),
        quick.verhuisd(date(2024, 2, 1)),  # 31 days
        slow.uitstroomgereed(date(2023, 11, 1)),
        slow.verhuisd(date(2024, 5, 1)),  # 182 days
        waiting.opname(date(2024, 3, 1), HERBERG),  # still in MO (seed 002: only those still in MO/BW are waiting)
        waiting.uitstroomgereed(date(2024, 6, 1)),
    )
    values = outflow.uitstroomgereed_tot_gehuisvest(h.as_of(YEAR_2024.peildatum), YEAR_2024)
    assert values["gehuisvest"] == 2
    assert values["aandeelBinnen3Maanden"] == 50.0
    assert values["gemiddeldeMaanden"] == round((31 + 182) / 2 / (365.25 / 12), 1)
    assert values["wachtendLangerDan3Maanden"] == 1


def test_share_returned_to_the_municipality_of_origin_counts_each_journey_once() -> None:
    home, away = Client("GM0193", herkomst="GM0160"), Client("GM0193", herkomst="GM0166")
    stay = uuid.uuid4()
    h = history(
        home.melding(date(2024, 1, 1)),
        away.melding(date(2024, 1, 1)),
        home.uitgestroomd(date(2024, 3, 1), HERBERG, stay, terug=False),
        home.verhuisd(date(2024, 4, 1), gemeente="GM0160"),
        away.verhuisd(date(2024, 4, 1), gemeente="GM0193"),
    )
    values = outflow.terugkeer_gemeente_van_herkomst(h.as_of(YEAR_2024.peildatum), YEAR_2024)
    assert values == {"uitgestroomd": 2, "terugNaarHerkomst": 1, "aandeelTerugNaarHerkomst": 50.0}
    # Attributed to the responsible municipality on the reference date (Zwolle for both), not to the origin.
    zwolle = outflow.terugkeer_gemeente_van_herkomst(h.as_of(YEAR_2024.peildatum), YEAR_2024.only("GM0193"))
    assert zwolle["terugNaarHerkomst"] == 1 and zwolle["uitgestroomd"] == 2
    hardenberg = outflow.terugkeer_gemeente_van_herkomst(h.as_of(YEAR_2024.peildatum), YEAR_2024.only("GM0160"))
    assert hardenberg["uitgestroomd"] == 0


def test_returns_to_homelessness_within_6_12_and_24_months_count_only_observable_clients() -> None:
    back, stays_housed, too_recent = Client(), Client(), Client()
    h = history(
        back.verhuisd(date(2022, 1, 10)),
        back.new_journey().melding(date(2022, 9, 1)),  # back after ~8 months
        stays_housed.verhuisd(date(2022, 3, 1)),
        too_recent.verhuisd(date(2022, 12, 1)),
    )
    w = Window(date(2022, 1, 1), date(2022, 12, 31), date(2023, 7, 1))
    values = hud.terugkeer_dakloosheid(h.as_of(w.peildatum), w)
    assert values["uitgestroomdNaarWoning"] == 3
    assert (values["waarneembaar6Maanden"], values["teruggekeerd6Maanden"]) == (3, 0)
    assert (values["waarneembaar12Maanden"], values["teruggekeerd12Maanden"], values["aandeelTeruggekeerd12Maanden"]) == (
        2,
        1,
        50.0,
    )
    assert values["waarneembaar24Maanden"] == 0 and values["aandeelTeruggekeerd24Maanden"] is None


def test_length_of_time_homeless_sums_nights_of_all_stays_up_to_the_period_end() -> None:
    a, b = Client(), Client()
    s1, s2 = uuid.uuid4(), uuid.uuid4()
    h = history(
        a.melding(date(2023, 12, 1)),
        a.opname(date(2023, 12, 1), HERBERG, opname_id=s1),
        a.uitgestroomd(date(2024, 1, 11), HERBERG, s1, "familie-of-vrienden"),  # 41 nights, crossing into 2024
        a.opname(date(2024, 2, 1), HERBERG, opname_id=s2),
        a.uitgestroomd(date(2024, 2, 11), HERBERG, s2),  # 10 more
        b.melding(date(2024, 12, 1)),
        b.opname(date(2024, 12, 21), HERBERG),
    )  # still in at year end: 12:00 UTC on 21-12 to 00:00 Dutch time on 1-1 (23:00 UTC) = 10.5 - 1/24 days
    values = hud.duur_dakloosheid(h.as_of(YEAR_2024.peildatum), YEAR_2024)
    assert values["clienten"] == 2
    assert values["gemiddeldeNachten"] == 30.7  # (51 + 10.4583) / 2 = 30.729
    assert values["mediaanNachten"] == 30.7


def test_first_time_homeless_versus_returning_within_24_months() -> None:
    new, returning, long_ago = Client(), Client(), Client()
    h = history(
        returning.melding(date(2023, 3, 1)),
        returning.new_journey().melding(date(2024, 2, 1)),
        long_ago.melding(date(2021, 1, 1)),
        long_ago.new_journey().melding(date(2024, 2, 1)),
        new.melding(date(2024, 5, 1)),
        new.opname(date(2024, 5, 2), HERBERG),
    )
    values = hud.eerste_keer_dakloos(h.as_of(YEAR_2024.peildatum), YEAR_2024)
    assert values == {"ingestroomd": 3, "eersteKeer": 2, "terugkerend": 1, "aandeelEersteKeer": 66.7}
