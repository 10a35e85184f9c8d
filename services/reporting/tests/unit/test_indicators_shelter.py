"""Shelter and BW indicators: stays crossing period boundaries, transfers, waiting, long trajectories."""

import uuid
from datetime import date

from reporting.domain.indicators import shelter
from reporting.domain.indicators.common import Window
from reporting.tests_support import Client, facility, history

HERBERG, BW_HOUSE, BW_OTHER = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
FACILITIES = [
    facility("acute-opvang", 32, "GM0193", facility_id=HERBERG),
    facility("beschermd-wonen", 10, "GM0150", "ribw", facility_id=BW_HOUSE),
    facility("beschermd-wonen", 8, "GM0301", "limor", facility_id=BW_OTHER),
]


def on(day: date, gemeenten: set[str] | None = None) -> Window:
    return Window(date(day.year, 1, 1), date(day.year, 12, 31), day, frozenset(gemeenten) if gemeenten else None)


def test_occupancy_counts_stays_open_at_the_end_of_the_reference_date() -> None:
    a, b, c = Client("GM0193"), Client("GM0193"), Client("GM0193")
    sa, sb = uuid.uuid4(), uuid.uuid4()
    h = history(
        *FACILITIES,
        a.opname(date(2023, 12, 20), HERBERG, opname_id=sa),  # crosses into 2024
        b.opname(date(2024, 1, 2), HERBERG, opname_id=sb),
        b.uitgestroomd(date(2024, 1, 10), HERBERG, sb),
        c.opname(date(2024, 1, 11), HERBERG),
    )
    jan5 = shelter.opvangbezetting(h.as_of(date(2024, 1, 5)), on(date(2024, 1, 5), {"GM0193"}))
    assert jan5 == {"bezet": 2, "capaciteit": 32, "bezettingsgraad": 6.2, "acuutBezet": 2, "acuutCapaciteit": 32}
    assert shelter.opvangbezetting(h.as_of(date(2024, 1, 10)), on(date(2024, 1, 10)))["bezet"] == 1  # b left that day
    assert shelter.opvangbezetting(h.as_of(date(2024, 1, 11)), on(date(2024, 1, 11)))["bezet"] == 2
    assert shelter.opvangbezetting(h.as_of(date(2024, 1, 11)), on(date(2024, 1, 11), {"GM0150"}))["bezet"] == 0


def test_refusals_for_lack_of_space_and_out_of_region_short_stays() -> None:
    a, b = Client("GM0193", herkomst="GM0150"), Client("GM0193")
    h = history(
        a.weigering(date(2024, 3, 1)),
        b.weigering(date(2024, 3, 2), reden="agressie"),
        b.weigering(date(2023, 3, 2)),
        a.kort_verblijf(date(2024, 4, 1)),
        a.opname(date(2024, 4, 1), HERBERG, kort=True),
    )
    w = on(date(2024, 12, 31))
    assert shelter.weigeringen_plaatsgebrek(h.as_of(w.peildatum), w) == {
        "weigeringen": 2,
        "wegensPlaatsgebrek": 1,
        "aandeelPlaatsgebrek": 50.0,
        "naarOnbekend": 2,  # where the refused person went: not recorded in either refusal
    }
    assert shelter.kort_verblijf_buiten_regio(h.as_of(w.peildatum), w) == {"toegekend": 1, "uniekePersonen": 1, "opgenomen": 1}


def test_bw_clients_on_a_date_follow_transfers_and_the_responsible_municipality() -> None:
    a, b = Client("GM0150"), Client("GM0262")
    first = uuid.uuid4()
    h = history(
        *FACILITIES,
        a.melding(date(2023, 5, 1)),
        b.melding(date(2023, 8, 1)),
        a.plaatsing(date(2023, 6, 1), BW_HOUSE, plaatsing_id=first),
        a.plaatsing(date(2024, 3, 1), BW_OTHER, van=first),  # transfer: still one client
        b.plaatsing(date(2023, 9, 1), BW_HOUSE),
        b.gemeente_gewijzigd(date(2024, 2, 1), "GM0150"),
    )
    jan1 = on(date(2024, 1, 1))
    assert shelter.bw_clienten(h.as_of(jan1.peildatum), jan1)["clienten"] == 2
    assert shelter.bw_clienten(h.as_of(jan1.peildatum), on(date(2024, 1, 1), {"GM0150"}))["clienten"] == 1
    assert shelter.bw_clienten(h.as_of(date(2024, 6, 1)), on(date(2024, 6, 1), {"GM0150"})) == {
        "clienten": 2,
        "beschermdWonen": 2,
        "beschutWonen": 0,
    }  # b's municipality changed
    stays = h.as_of(date(2024, 6, 1)).stays
    assert sorted((s.voorziening_id == str(BW_OTHER), s.end is None) for s in stays if s.client_id == str(a.client_id)) == [
        (False, False),
        (True, True),
    ]


def test_mo_unique_clients_count_stays_that_overlap_the_year_once_per_person() -> None:
    a, b, c = Client(), Client(), Client()
    sa, sc = uuid.uuid4(), uuid.uuid4()
    h = history(
        a.opname(date(2022, 11, 1), HERBERG, opname_id=sa),
        a.uitgestroomd(date(2023, 1, 3), HERBERG, sa),  # crosses into 2023
        b.opname(date(2023, 5, 1), HERBERG),
        b.new_journey().opname(date(2023, 9, 1), HERBERG),  # same person twice
        c.opname(date(2022, 1, 1), HERBERG, opname_id=sc),
        c.uitgestroomd(date(2022, 12, 31), HERBERG, sc),
    )  # ended before
    year = Window(date(2023, 1, 1), date(2023, 12, 31), date(2024, 1, 1))
    assert shelter.mo_unieke_clienten(h.as_of(year.peildatum), year) == {
        "clienten": 2,
        "bedEnBreakTimeOut": 0,
        "kortVerblijfBuitenRegio": 0,
    }


def test_bw_waiting_time_of_those_still_waiting_and_those_who_left() -> None:
    a, b = Client("GM0150"), Client("GM0150")
    wa, wb = uuid.uuid4(), uuid.uuid4()
    h = history(
        a.wachtlijst(date(2023, 1, 1), wa), b.wachtlijst(date(2023, 7, 1), wb), b.wachtlijst_verlaten(date(2023, 10, 1), wb, 92)
    )
    w = Window(date(2023, 1, 1), date(2023, 12, 31), date(2023, 12, 31))
    values = shelter.bw_wachttijd(h.as_of(w.peildatum), w)
    assert values["opWachtlijst"] == 1 and values["gemiddeldeWachttijdWachtendenMaanden"] == 12.0  # 364 / 30.4375
    assert values["geplaatst"] == 1 and values["gemiddeldeWachttijdGeplaatstenMaanden"] == 3.0  # 92 / 30.4375
    assert values["verlatenZonderPlaatsing"] == 0
    mid = Window(date(2023, 1, 1), date(2023, 12, 31), date(2023, 9, 30))
    assert shelter.bw_wachttijd(h.as_of(mid.peildatum), mid)["opWachtlijst"] == 2


def test_share_of_mo_trajectories_longer_than_three_months() -> None:
    a, b, c = Client(), Client(), Client()
    first = uuid.uuid4()
    other_shelter = uuid.uuid4()
    h = history(
        a.opname(date(2023, 6, 1), HERBERG, opname_id=first),
        a.uitgestroomd(date(2023, 7, 1), HERBERG, first, "beschermd-wonen"),
        a.opname(date(2023, 7, 1), other_shelter, kind="24-uursopvang"),  # same journey continues: counts from June
        b.opname(date(2023, 10, 1), HERBERG),
        c.opname(date(2023, 8, 31), HERBERG),
    )
    w = Window(date(2023, 1, 1), date(2023, 12, 31), date(2023, 12, 1))  # 3 months before: 1-9, so 31-8 is longer
    assert shelter.mo_trajecten_langer_dan_3_maanden(h.as_of(w.peildatum), w) == {
        "inOpvang": 3,
        "langerDan3Maanden": 2,
        "aandeelLangerDan3Maanden": 66.7,
    }


def test_a_provider_failure_moves_the_stay_to_the_new_facility_or_ends_it_onto_the_waiting_list() -> None:
    from journey_platform.contracts.placement import ClientVerhuisdBijAanbiederuitval
    from reporting.tests_support import at, emit

    moved, waiting = Client("GM0150"), Client("GM0150")
    events = [
        *FACILITIES,
        moved.melding(date(2023, 1, 1)),
        waiting.melding(date(2023, 1, 1)),
        moved.plaatsing(date(2023, 2, 1), BW_HOUSE),
        waiting.plaatsing(date(2023, 2, 1), BW_HOUSE),
    ]
    operation = uuid.uuid4()
    for client, target in ((moved, BW_OTHER), (waiting, None)):
        events.append(
            emit(
                ClientVerhuisdBijAanbiederuitval(
                    traject_id=client.traject_id,
                    client_id=client.client_id,
                    operatie_id=operation,
                    van_voorziening_id=BW_HOUSE,
                    naar_voorziening_id=target,
                    naar_wachtlijst=target is None,
                    verhuisd_op=at(date(2023, 6, 1)),
                ),
                at(date(2023, 6, 1)),
            )
        )
    h = history(*events)
    assert shelter.bw_clienten(h.as_of(date(2023, 5, 31)), on(date(2023, 5, 31)))["clienten"] == 2
    assert shelter.bw_clienten(h.as_of(date(2023, 6, 2)), on(date(2023, 6, 2)))["clienten"] == 1
    open_stays = [s for s in h.as_of(date(2023, 6, 2)).stays if s.end is None]
    assert [(s.client_id, s.voorziening_id, s.gemeente) for s in open_stays] == [(str(moved.client_id), str(BW_OTHER), "GM0301")]
