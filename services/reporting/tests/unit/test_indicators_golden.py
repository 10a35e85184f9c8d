"""Golden tests: each indicator on a hand-made event history, with every expected value worked out by hand from its
definition in docs/indicators.md (the arithmetic is in the comments; nothing is computed by the code under test).
The same cases are the table "Golden cases" in docs/indicators.md.

Region Midden-IJssel: Deventer GM0150, Lochem GM0262, Olst-Wijhe GM1773, Raalte GM0177, Zutphen GM0301.
Builders record at 12:00 UTC on the day given unless a moment is given; 23:30 UTC on 31 December is 00:30 on
1 January in Dutch time (CET, UTC+1).
"""

import uuid
from datetime import UTC, date, datetime

from reporting.domain.indicators import acute, aftercare, hud, outflow, reports, shelter
from reporting.domain.indicators.catalogue import BY_CODE
from reporting.domain.indicators.common import Window
from reporting.domain.indicators.compute import compute
from reporting.domain.indicators.history import History
from reporting.domain.indicators.targets import load_doelen
from reporting.tests_support import Client, facility, history

MIDDEN_IJSSEL = frozenset({"GM0150", "GM0262", "GM1773", "GM0177", "GM0301"})
MO24, CRISIS, ACUTE, BB, BW, ZWOLLE = (uuid.uuid4() for _ in range(6))
FACILITIES = [
    facility("24-uursopvang", 75, "GM0150", facility_id=MO24),
    facility("crisisopvang", 20, "GM0301", facility_id=CRISIS),
    facility("beschermd-wonen", 10, "GM0150", "ribw", facility_id=BW),
]
NEW_YEAR_2024 = datetime(2023, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January 2024 in Dutch time


def region(van: date, tot: date, peildatum: date) -> Window:
    return Window(van, tot, peildatum, MIDDEN_IJSSEL, MIDDEN_IJSSEL)


def municipality(gemeente: str, van: date, tot: date, peildatum: date) -> Window:
    return Window(van, tot, peildatum, frozenset({gemeente}), MIDDEN_IJSSEL)


def year(y: int, peildatum: date) -> Window:
    return region(date(y, 1, 1), date(y, 12, 31), peildatum)


# --- Case 1: stays across midnight Dutch time on 31 December -------------------------------------------------


def test_year_boundary_is_dutch_midnight() -> None:
    a, b, c, k, ell = (Client("GM0150") for _ in range(5))
    c_stay, l_stay = uuid.uuid4(), uuid.uuid4()
    h = history(
        *FACILITIES,
        a.opname(NEW_YEAR_2024, MO24, kind="24-uursopvang"),  # 00:30 on 1-1-2024 Dutch: a 2024 client
        ell.opname(datetime(2023, 12, 31, 22, 30, tzinfo=UTC), MO24, kind="24-uursopvang", opname_id=l_stay),  # 23:30 on 31-12
        ell.uitgestroomd(date(2024, 1, 2), MO24, l_stay, "familie-of-vrienden", kind="24-uursopvang"),
        b.plaatsing(NEW_YEAR_2024, BW),  # in BW from 00:30 on 1-1-2024
        c.plaatsing(date(2023, 6, 1), BW, plaatsing_id=c_stay),
        c.uitgestroomd(datetime(2024, 1, 1, 23, 30, tzinfo=UTC), BW, c_stay, kind="beschermd-wonen"),  # left 00:30 on 2-1
        k.weigering(NEW_YEAR_2024, bestemming="onbekend-of-straat"),
    )
    # MO unique clients: 2023 has only L (A arrived in 2024 Dutch time; a UTC cut counted A in 2023); 2024 has A and L.
    assert shelter.mo_unieke_clienten(h.as_of(date(2024, 12, 31)), year(2023, date(2024, 12, 31)))["clienten"] == 1
    assert shelter.mo_unieke_clienten(h.as_of(date(2024, 12, 31)), year(2024, date(2024, 12, 31)))["clienten"] == 2
    # BW clients: on 31-12-2023 only C; on 1-1-2024 B and C (C left on 2 January Dutch time); on 2-1-2024 only B.
    assert shelter.bw_clienten(h.as_of(date(2023, 12, 31)), year(2023, date(2023, 12, 31)))["clienten"] == 1
    assert shelter.bw_clienten(h.as_of(date(2024, 1, 1)), year(2024, date(2024, 1, 1))) == {
        "clienten": 2,
        "beschermdWonen": 2,
        "beschutWonen": 0,
    }
    assert shelter.bw_clienten(h.as_of(date(2024, 1, 2)), year(2024, date(2024, 1, 2)))["clienten"] == 1
    # Occupancy of Deventer's MO (75 places): L on 31-12-2023; A and L on 1-1-2024 = 2/75 = 2.7%.
    assert shelter.opvangbezetting(h.as_of(date(2023, 12, 31)), municipality("GM0150", *_y(2023)))["bezet"] == 1
    assert shelter.opvangbezetting(
        h.as_of(date(2024, 1, 1)), municipality("GM0150", date(2024, 1, 1), date(2024, 12, 31), date(2024, 1, 1))
    ) == {
        "bezet": 2,
        "capaciteit": 75,
        "bezettingsgraad": 2.7,
        "acuutBezet": 0,
        "acuutCapaciteit": 0,
    }
    # The refusal at 00:30 on 1-1-2024 is a 2024 refusal, and the person went to the street.
    assert shelter.weigeringen_plaatsgebrek(h.as_of(date(2024, 12, 31)), year(2023, date(2024, 12, 31)))["weigeringen"] == 0
    assert shelter.weigeringen_plaatsgebrek(h.as_of(date(2024, 12, 31)), year(2024, date(2024, 12, 31))) == {
        "weigeringen": 1,
        "wegensPlaatsgebrek": 1,
        "aandeelPlaatsgebrek": 100.0,
        "naarOnbekendOfStraat": 1,
    }


def _y(y: int) -> tuple[date, date, date]:
    return date(y, 1, 1), date(y, 12, 31), date(y, 12, 31)


# --- Case 2: Bed & Break next to MO, a transfer between MO facilities, a return after closure -----------------


def _mo_history() -> History:
    d, e, i, g = Client("GM0150"), Client("GM0150"), Client("GM0150"), Client("GM0150")
    hh = Client("GM0301")
    j = Client("GM0150")
    j2 = j.new_journey()
    f = Client("GM0193", herkomst="GM0193")  # from outside the region
    h1, j1, f1, g1 = (uuid.uuid4() for _ in range(4))
    h = history(
        *FACILITIES,
        facility("bed-en-break", 4, "GM0150", facility_id=BB),
        facility("24-uursopvang", 40, "GM0193", facility_id=ZWOLLE),
        d.plaatsing(date(2023, 1, 1), BW),  # a BW client ...
        d.opname(date(2023, 11, 25), BB, kind="bed-en-break", bed_en_break=True),  # ... on a Bed & Break stay
        e.opname(date(2023, 6, 1), MO24, kind="24-uursopvang"),
        hh.opname(date(2023, 8, 15), CRISIS, kind="crisisopvang", opname_id=h1),
        hh.plaatsing(date(2023, 10, 1), MO24, kind="24-uursopvang", provider="leger-des-heils", van=h1),  # transfer
        i.opname(date(2023, 9, 1), MO24, kind="24-uursopvang"),
        j.melding(date(2023, 1, 25)),
        j.opname(date(2023, 2, 1), MO24, kind="24-uursopvang", opname_id=j1),
        j.uitgestroomd(date(2023, 10, 20), MO24, j1, "familie-of-vrienden", kind="24-uursopvang"),
        j2.melding(date(2023, 11, 1)),  # a return: a new journey after the first one closed
        j2.opname(date(2023, 11, 2), MO24, kind="24-uursopvang"),
        f.melding(date(2023, 3, 1)),
        f.opname(date(2023, 3, 1), MO24, kind="24-uursopvang", gemeente="GM0150", kort=True, opname_id=f1),
        f.uitgestroomd(date(2023, 3, 3), MO24, f1, "andere-regio", kind="24-uursopvang"),
        g.melding(date(2023, 3, 30)),
        g.opname(date(2023, 4, 1), ZWOLLE, kind="24-uursopvang", gemeente="GM0193", opname_id=g1),  # MO outside the region
        g.uitgestroomd(date(2023, 4, 11), ZWOLLE, g1, "familie-of-vrienden", kind="24-uursopvang"),
    )
    return h


def test_mo_longer_than_3_months_current_continuous_period() -> None:
    h = _mo_history()
    w = region(date(2023, 1, 1), date(2023, 12, 31), date(2023, 12, 1))
    # Present on 1-12-2023: E (since 1-6), H (crisis 15-8, transferred to 24-hour 1-10: since 15-8), I (since 1-9),
    # J's second journey (since 2-11). D's Bed & Break does not count. Longer than 3 calendar months: start + 3
    # months before 1-12: E (1-9) and H (15-11); I's 1-12 is not *longer*; J2 no. 2 of 4 = 50.0%.
    assert shelter.mo_trajecten_langer_dan_3_maanden(h.as_of(w.peildatum), w) == {
        "inOpvang": 4,
        "langerDan3Maanden": 2,
        "aandeelLangerDan3Maanden": 50.0,
    }


def test_one_bed_and_break_stay_next_to_one_long_mo_stay() -> None:
    """The issue's reproduction: the seed's definition gives 100% (the Bed & Break guest is not an MO client)."""
    bw_client, long_stay = Client("GM1773"), Client("GM1773")
    h = history(
        facility("bed-en-break", 4, "GM1773", facility_id=BB),
        facility("24-uursopvang", 10, "GM1773", facility_id=MO24),
        bw_client.opname(date(2023, 11, 20), BB, kind="bed-en-break"),
        long_stay.opname(date(2023, 5, 1), MO24, kind="24-uursopvang"),
    )
    w = region(date(2023, 1, 1), date(2023, 12, 31), date(2023, 12, 1))
    assert shelter.mo_trajecten_langer_dan_3_maanden(h.as_of(w.peildatum), w)["aandeelLangerDan3Maanden"] == 100.0


def test_unique_mo_clients_without_bed_and_break_and_out_of_region_short_stays() -> None:
    h = _mo_history()
    w = year(2023, date(2023, 12, 31))
    # E, H, I, J (two journeys, one person) = 4; D's Bed & Break and F's short stay apart; G's stay was in Zwolle.
    assert shelter.mo_unieke_clienten(h.as_of(w.peildatum), w) == {
        "clienten": 4,
        "bedEnBreakTimeOut": 1,
        "kortVerblijfBuitenRegio": 1,
    }
    zutphen = municipality("GM0301", date(2023, 1, 1), date(2023, 12, 31), date(2023, 12, 31))
    assert shelter.mo_unieke_clienten(h.as_of(w.peildatum), zutphen) == {
        "clienten": 1,
        "bedEnBreakTimeOut": 0,
        "kortVerblijfBuitenRegio": 0,
    }


def test_average_mo_length_of_stay() -> None:
    h = _mo_history()
    w = year(2023, date(2023, 12, 31))
    # Ended in 2023: J's first period 1-2 to 20-10 = 261 days = 8.575 months → 8.6 (F's short stay and G's stay in
    # Zwolle are not periods in the region's MO). Running on 31-12: E 213, H 138 (from 15-8: the transfer is joined),
    # I 121, J2 59 days; mean 531 / 4 = 132.75 days = 4.361 months → 4.4.
    assert acute.mo_verblijfsduur(h.as_of(w.peildatum), w) == {
        "beeindigd": 1,
        "gemiddeldeMaanden": 8.6,
        "mediaanMaanden": 8.6,
        "lopend": 4,
        "gemiddeldeLopendMaanden": 4.4,
    }


# --- Case 3: the BW waiting list: beschut counts, the MO list does not, a withdrawal apart -------------------------


def test_bw_waiting_time_in_both_readings() -> None:
    p, q, r, s_, t, u = (Client("GM0150") for _ in range(6))
    ids = {name: uuid.uuid4() for name in "pqrstu"}
    h = history(
        p.wachtlijst(date(2023, 4, 1), ids["p"]),  # waiting: 1-4-2023 to 1-1-2024 = 275 days
        q.wachtlijst(date(2023, 10, 1), ids["q"], lijst="beschut-wonen"),  # waiting: 92 days
        r.wachtlijst(date(2022, 1, 1), ids["r"], lijst="mo"),  # another list: not BW
        s_.wachtlijst(date(2023, 1, 1), ids["s"]),
        s_.wachtlijst_verlaten(date(2023, 7, 1), ids["s"], 181),  # placed after 181 days
        t.wachtlijst(date(2023, 2, 1), ids["t"]),
        t.wachtlijst_verlaten(date(2023, 5, 1), ids["t"], 89, reden="ingetrokken"),  # a withdrawal
        u.wachtlijst(date(2023, 3, 1), ids["u"], lijst="beschut-wonen"),
        u.wachtlijst_verlaten(date(2023, 5, 1), ids["u"], 61),  # placed after 61 days
    )
    w = region(date(2023, 1, 1), date(2023, 12, 31), date(2024, 1, 1))
    # Waiting on 1-1-2024: (275 + 92) / 2 = 183.5 days = 6.029 months → 6.0; longest 275 days = 9.035 → 9.0.
    # Placed in 2023: (181 + 61) / 2 = 121 days = 3.975 months → 4.0; T's withdrawal counted apart.
    assert shelter.bw_wachttijd(h.as_of(w.peildatum), w) == {
        "opWachtlijst": 2,
        "gemiddeldeWachttijdWachtendenMaanden": 6.0,
        "langsteWachttijdMaanden": 9.0,
        "geplaatst": 2,
        "gemiddeldeWachttijdGeplaatstenMaanden": 4.0,
        "verlatenZonderPlaatsing": 1,
    }
    # The target (doelen.yaml, kengetal) is about those waiting: 6.0 against at most 3 months.
    doel = load_doelen().voor("bw-wachttijd", "midden-ijssel", None)
    result = compute(h, BY_CODE["bw-wachttijd"], w, doel)
    assert (result.waarde, result.gehaald) == (6.0, False)


# --- Case 4: ready to leave → housed within 3 calendar months --------------------------------------------------


def test_ready_to_leave_to_housed() -> None:
    v, ww, y, z, z2, aa = (Client("GM0150") for _ in range(6))
    y1 = uuid.uuid4()
    h = history(
        *FACILITIES,
        v.uitstroomgereed(date(2024, 2, 1)),
        v.verhuisd(date(2024, 5, 2)),  # 91 days, but 2-5 is after 1-5 (three calendar months): late
        ww.uitstroomgereed(date(2024, 1, 15)),
        ww.uitstroomgereed(date(2024, 3, 1)),  # declared ready again: the latest moment counts
        ww.verhuisd(date(2024, 5, 15)),  # 1-3 to 15-5 = 75 days: within
        y.opname(date(2023, 10, 1), MO24, kind="24-uursopvang", opname_id=y1),
        y.uitstroomgereed(date(2024, 1, 10)),
        y.uitgestroomd(date(2024, 2, 20), MO24, y1, "familie-of-vrienden", kind="24-uursopvang"),  # left otherwise
        z.opname(date(2023, 11, 1), MO24, kind="24-uursopvang"),
        z.uitstroomgereed(date(2024, 2, 10)),  # still in MO on 30-6: waiting, more than 3 months (since 10-5)
        z2.opname(date(2024, 3, 1), MO24, kind="24-uursopvang"),
        z2.uitstroomgereed(date(2024, 5, 1)),  # still in MO on 30-6: waiting, not yet 3 months
        aa.uitstroomgereed(date(2024, 1, 5)),  # no longer in MO or BW: not waiting
    )
    w = region(date(2024, 1, 1), date(2024, 6, 30), date(2024, 6, 30))
    # Housed: V 91 and W 75 days; mean 83 days = 2.727 months → 2.7; 1 of 2 within 3 calendar months.
    assert outflow.uitstroomgereed_tot_gehuisvest(h.as_of(w.peildatum), w) == {
        "gehuisvest": 2,
        "gemiddeldeMaanden": 2.7,
        "mediaanMaanden": 2.7,
        "aandeelBinnen3Maanden": 50.0,
        "wachtend": 2,
        "wachtendLangerDan3Maanden": 1,
        "andersVertrokken": 1,
        "andersVertrokkenNaarFamilieOfVrienden": 1,
    }


# --- Case 5: a responsibility change ---------------------------------------------------------------------------


def test_attribution_to_the_municipality_responsible_on_the_reference_date() -> None:
    m = Client("GM0262")
    h = history(
        *FACILITIES,
        m.melding(date(2024, 3, 1)),  # term: 1-3 + 8 weeks = 26-4
        m.gemeente_gewijzigd(date(2024, 3, 10), "GM0150"),
        m.plaatsing(date(2024, 4, 1), BW),
    )

    def open_in(gemeente: str, peildatum: date) -> int | float | None:
        w = municipality(gemeente, date(2024, 1, 1), date(2024, 12, 31), peildatum)
        return reports.openstaande_meldingen(h.as_of(peildatum), w)["open"]

    assert (open_in("GM0262", date(2024, 3, 5)), open_in("GM0150", date(2024, 3, 5))) == (1, 0)
    assert (open_in("GM0262", date(2024, 3, 20)), open_in("GM0150", date(2024, 3, 20))) == (0, 1)
    deventer = municipality("GM0150", date(2024, 1, 1), date(2024, 12, 31), date(2024, 3, 20))
    assert reports.openstaande_meldingen(h.as_of(deventer.peildatum), deventer)["dagen29ofMeer"] == 1  # 37 days left
    may = date(2024, 5, 1)
    assert shelter.bw_clienten(h.as_of(may), municipality("GM0150", *_y(2024)[:2], may))["clienten"] == 1
    assert shelter.bw_clienten(h.as_of(may), municipality("GM0262", *_y(2024)[:2], may))["clienten"] == 0
    routes = reports.routes_dakloosheid(h.as_of(date(2024, 12, 31)), municipality("GM0150", *_y(2024)))
    assert (routes["nieuweTrajecten"], routes["huisuitzetting"]) == (1, 1)
    assert reports.routes_dakloosheid(h.as_of(date(2024, 12, 31)), municipality("GM0262", *_y(2024)))["nieuweTrajecten"] == 0


# --- Case 6: the acute stay: the 8-week maximum and the checklist -----------------------------------------------


def test_acute_stay_past_8_weeks_and_checklist() -> None:
    c1, c2, c3, c4, c5, c6 = (Client("GM0150") for _ in range(6))
    a1, a2 = uuid.uuid4(), uuid.uuid4()
    h = history(
        facility("acute-opvang", 20, "GM0150", facility_id=ACUTE),
        c1.opname(date(2024, 1, 1), ACUTE, opname_id=a1),
        c1.checklist(date(2024, 1, 10), a1, "identiteitsbewijs"),
        c1.checklist(date(2024, 1, 20), a1, "zorgverzekering"),
        c1.checklist(date(2024, 2, 10), a1, "inkomen"),
        c1.uitgestroomd(date(2024, 2, 20), ACUTE, a1, "familie-of-vrienden"),  # 50 days, all three arranged
        c2.opname(date(2024, 1, 5), ACUTE, opname_id=a2),  # maximum 1-3
        c2.checklist(date(2024, 1, 8), a2, "identiteitsbewijs"),
        c2.uitgestroomd(date(2024, 3, 10), ACUTE, a2, "familie-of-vrienden"),  # 65 days: past the maximum
        c2.checklist(date(2024, 3, 15), a2, "inkomen"),  # after the stay: not within it
        c3.opname(date(2024, 2, 1), ACUTE),  # maximum 28-3: past it on 31-3
        c4.opname(date(2024, 3, 1), ACUTE),  # maximum 26-4
        c5.opname(date(2024, 2, 3), ACUTE, kort=True),  # out-of-region short stay: not counted
        c6.opname(date(2024, 2, 4), ACUTE),  # maximum 31-3: reached, not passed, on 31-3
    )
    w = region(date(2024, 1, 1), date(2024, 3, 31), date(2024, 3, 31))
    assert acute.acuut_langer_dan_8_weken(h.as_of(w.peildatum), w) == {
        "inAcuteOpvang": 3,
        "langerDan8Weken": 1,
        "aandeelLangerDan8Weken": 33.3,
        "beeindigd": 2,
        "beeindigdLangerDan8Weken": 1,
    }
    assert acute.checklist_acuut_verblijf(h.as_of(w.peildatum), w) == {
        "beeindigd": 2,
        "volledig": 1,
        "aandeelVolledig": 50.0,
        "identiteitsbewijsGeregeld": 2,
        "inkomenGeregeld": 1,
        "zorgverzekeringGeregeld": 1,
    }


# --- Case 7: housing retention and returns to homelessness ------------------------------------------------------


def test_housing_retention_and_returns() -> None:
    ha, hb, hc, hd, he, hf = (Client("GM0150") for _ in range(6))
    f_stay = uuid.uuid4()
    h = history(
        *FACILITIES,
        facility("bed-en-break", 4, "GM0150", facility_id=BB),
        *(c.melding(date(2022, 6, 1)) for c in (ha, hb, hc, hd, he, hf)),  # Deventer is responsible for each
        ha.verhuisd(date(2023, 1, 10)),
        hb.verhuisd(date(2023, 3, 1)),
        hb.new_journey().melding(date(2023, 11, 15)),  # back after 8.5 months
        hc.verhuisd(date(2023, 6, 1)),
        hc.opname(date(2023, 8, 1), BB, kind="bed-en-break", bed_en_break=True),  # a time-out is not a return
        hd.verhuisd(date(2024, 1, 5)),  # not in 2023
        he.verhuisd(NEW_YEAR_2024),  # 00:30 on 1-1-2024: not in 2023
        hf.opname(date(2023, 5, 1), MO24, kind="24-uursopvang", opname_id=f_stay),
        hf.uitgestroomd(date(2023, 9, 1), MO24, f_stay, "eigen-woning", kind="24-uursopvang"),
        hf.new_journey().opname(date(2024, 1, 15), MO24, kind="24-uursopvang"),  # back after 4.5 months
    )
    w = year(2023, date(2024, 12, 31))
    # Moved in 2023: HA, HB, HC, HF. Six months on (all by 31-12-2024): HF lost (MO 15-1-2024 before 1-3-2024) → 3/4.
    # Twelve months on (HA 10-1, HB 1-3, HC 1-6, HF 1-9-2024: all observable): HB and HF lost → 2/4. 24: none yet.
    assert hud.woonbehoud(h.as_of(w.peildatum), w) == {
        "gehuisvest": 4,
        "waarneembaar6Maanden": 4,
        "behouden6Maanden": 3,
        "aandeelBehouden6Maanden": 75.0,
        "waarneembaar12Maanden": 4,
        "behouden12Maanden": 2,
        "aandeelBehouden12Maanden": 50.0,
        "waarneembaar24Maanden": 0,
        "behouden24Maanden": 0,
        "aandeelBehouden24Maanden": None,
    }
    returns = hud.terugkeer_dakloosheid(h.as_of(w.peildatum), w)
    assert (returns["uitgestroomdNaarWoning"], returns["teruggekeerd6Maanden"], returns["teruggekeerd12Maanden"]) == (4, 1, 2)


# --- Case 8: reports, decisions within 8 weeks and out-of-region short stays around New Year -------------------


def test_reports_decisions_and_short_stays_around_new_year() -> None:
    r1, r2, r3 = Client("GM0150"), Client("GM0150"), Client("GM0262")
    visitor = Client("GM0150", herkomst="GM0193")  # reported in Deventer, from Zwolle (another region)
    h = history(
        *FACILITIES,
        r1.melding(date(2023, 12, 31)),
        r1.afgesloten(date(2024, 1, 3)),  # without follow-up, closed after the year it was reported in
        r2.melding(date(2024, 1, 1)),  # term 1-1 + 8 weeks = 26-2
        r2.besluit(date(2024, 2, 26)),  # on the last day: on time
        r3.melding(date(2024, 1, 2)),  # term 27-2
        r3.besluit(date(2024, 2, 28)),  # a day late
        visitor.kort_verblijf(NEW_YEAR_2024),
        visitor.opname(NEW_YEAR_2024, MO24, kind="24-uursopvang", kort=True),
    )
    end = date(2024, 12, 31)
    assert reports.meldingen(h.as_of(end), year(2023, end))["meldingen"] == 1
    assert reports.meldingen_zonder_vervolg(h.as_of(end), year(2023, end)) == {
        "meldingen": 1,
        "zonderVervolg": 1,
        "aandeelZonderVervolg": 100.0,
    }
    assert reports.meldingen(h.as_of(end), year(2024, end)) == {"meldingen": 2, "uniekePersonen": 2, "herhaalmeldingen": 0}
    assert reports.beslissingen_binnen_termijn(h.as_of(end), year(2024, end)) == {
        "beslissingen": 2,
        "binnenTermijn": 1,
        "buitenTermijn": 1,
        "aandeelBinnenTermijn": 50.0,
    }
    assert shelter.kort_verblijf_buiten_regio(h.as_of(end), year(2023, end)) == {
        "toegekend": 0,
        "uniekePersonen": 0,
        "opgenomen": 0,
    }
    assert shelter.kort_verblijf_buiten_regio(h.as_of(end), year(2024, end)) == {
        "toegekend": 1,
        "uniekePersonen": 1,
        "opgenomen": 1,
    }


# --- Case: aftercare follow-ups on time and relapse signals (docs/aftercare.md) -------------------------------


def aftercare_history() -> History:
    """Deventer's local team (Midden-IJssel) does the aftercare of NA, NB and NE; NC's plan is Zwolle's (IJssel-Vecht).
    Follow-ups 1, 3, 6, 12 months after the move, each on time up to 14 days after its due date."""
    na, nb, nc, nd, ne = (Client("GM0150") for _ in range(5))
    pa, pb, pc, pd, pe = (uuid.uuid4() for _ in range(5))
    return history(
        *FACILITIES,
        facility("bed-en-break", 4, "GM0150", facility_id=BB),
        # NA moved 15-1-2024: due 15-2, 15-4, 15-7-2024, 15-1-2025; last days 29-2 (leap year), 29-4, 29-7, 29-1-2025
        na.nazorgplan(date(2024, 1, 15), pa),
        na.nazorgcontact(date(2024, 2, 29), pa, 1, date(2024, 2, 15)),  # on its last day: on time
        na.nazorgcontact(date(2024, 4, 30), pa, 2, date(2024, 4, 15), "terugvalrisico"),  # a day late
        na.terugvalsignaal(date(2024, 4, 30), pa, "nazorgcontact", "terugvalrisico"),
        na.new_journey().opname(date(2024, 6, 15), MO24, kind="24-uursopvang"),  # back in MO within 3 months: lost
        # NB moved 20-11-2023: due 20-12-2023, 20-2, 20-5, 20-11-2024; last days 3-1, 5-3, 3-6, 4-12-2024
        nb.nazorgplan(date(2023, 11, 20), pb),
        nb.nazorgcontact(date(2024, 1, 2), pb, 1, date(2023, 12, 20)),
        nb.nazorgcontact(date(2024, 2, 1), pb, 2, date(2024, 2, 20)),  # early: on time
        nb.nazorgcontact(datetime(2024, 6, 3, 21, 30, tzinfo=UTC), pb, 3, date(2024, 5, 20)),  # 23:30 on 3-6 Dutch: on time
        nb.nazorgcontact(datetime(2024, 12, 4, 23, 30, tzinfo=UTC), pb, 4, date(2024, 11, 20)),  # 00:30 on 5-12 Dutch: late
        nb.terugvalsignaal(date(2024, 3, 1), pb, "woningcorporatie", "huurachterstand"),
        nb.preventiezaak(date(2024, 3, 1), "terugval-huurachterstand"),  # intake opened prevention for it
        nb.preventiezaak(date(2024, 4, 1), "huurachterstand"),  # an ordinary early signal, no aftercare: not counted
        nb.terugvalsignaal(date(2024, 11, 15), pb, "nieuwe-melding", "nieuwe-melding"),  # 3 months not yet passed
        # NC's plan is Zwolle's: outside the scope
        nc.nazorgplan(date(2024, 3, 1), pc, gemeente="GM0193"),
        nc.terugvalsignaal(date(2024, 5, 1), pc, "lokaal-team", "politie", gemeente="GM0193"),
        # ND moved 10-12-2024: its first follow-up is due 10-1-2025
        nd.nazorgplan(date(2024, 12, 10), pd),
        # NE moved 1-6-2023: last days 15-7, 15-9, 15-12-2023 and 15-6-2024 (only the last one in 2024), never recorded
        ne.nazorgplan(date(2023, 6, 1), pe),
        ne.terugvalsignaal(NEW_YEAR_2024, pe, "lokaal-team", "opname"),  # 00:30 on 1-1-2024 Dutch: a 2024 signal
        ne.opname(date(2024, 1, 10), BB, kind="bed-en-break", bed_en_break=True),  # a time-out is no loss of the home
    )


def test_aftercare_follow_ups_on_time() -> None:
    h = aftercare_history()
    w = year(2024, date(2024, 12, 31))
    # Last days in 2024 (before 31-12): NA 29-2, 29-4, 29-7 (3); NB 3-1, 5-3, 3-6, 4-12 (4); NE 15-6 (1) → 8 due.
    # On time: NA 1, NB 1, 2, 3 → 4. Late: NA 2 (30-4 > 29-4), NB 4 (5-12 > 4-12) → 2. Not recorded: NA 3, NE 4 → 2.
    assert aftercare.nazorg_contacten_op_tijd(h.as_of(w.peildatum), w) == {
        "verschuldigd": 8,
        "opTijd": 4,
        "teLaat": 2,
        "nietVastgelegd": 2,
        "aandeelOpTijd": 50.0,  # 4 / 8
    }
    # On 29-4-2024 (Jan-Apr): NA's 29-4 is its last day, still open that day, so not yet judged: NA 29-2 (on time),
    # NB 3-1, 5-3 (on time) → 3 due, 3 on time.
    spring = region(date(2024, 1, 1), date(2024, 4, 30), date(2024, 4, 29))
    assert aftercare.nazorg_contacten_op_tijd(h.as_of(spring.peildatum), spring)["verschuldigd"] == 3
    assert aftercare.nazorg_contacten_op_tijd(h.as_of(spring.peildatum), spring)["aandeelOpTijd"] == 100.0


def test_relapse_signals_and_their_outcome() -> None:
    h = aftercare_history()
    w = year(2024, date(2024, 12, 31))
    # In scope in 2024: NA (follow-up), NB (landlord), NB (new report), NE (local team, 00:30 on 1-1-2024) → 4.
    # 3 months passed by 31-12-2024: NA (30-7), NB 1-6, NE 1-4 → 3; NA was admitted to MO on 15-6 → 2 kept.
    assert aftercare.terugvalsignalen(h.as_of(w.peildatum), w) == {
        "signalen": 4,
        "doorNazorgcontact": 1,
        "doorWoningcorporatie": 1,
        "doorLokaalTeam": 1,
        "doorNieuweMelding": 1,
        "preventieGeopend": 1,
        "waarneembaar3Maanden": 3,
        "woningBehouden3Maanden": 2,
        "teruggevallen3Maanden": 1,
        "aandeelWoningBehouden3Maanden": 66.7,  # 2 / 3
    }
    assert BY_CODE["terugvalsignalen"].kop == "signalen" and BY_CODE["nazorg-contacten-op-tijd"].kop == "aandeelOpTijd"
