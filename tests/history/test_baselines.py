"""Seed 003 §4.3.2 item 11 (migrating the existing registrations) and the baselines of seed 002 ("Prestatie-
indicatoren", fn 8-10): importing the synthetic export of both regions (docs/import/, made by
scripts/history/make_export.py) through intake's and placement's imports and reading reporting's indicators gives
Midden-IJssel's four baselines on their reference dates. Every expected number is worked out by hand from the
export's construction (docs/import.md, "The synthetic export"); the arithmetic is in the comments."""

from typing import Any

from journey_platform.testing.plugin import RunningService

from .support import export_lines, import_export, load_facilities

CT_MI = ("centrale-toegang", "CT-MIDDEN-IJSSEL")
CT_IV = ("centrale-toegang", "CT-IJSSEL-VECHT")


async def test_importing_the_export_reproduces_the_seed_baselines(start_service: Any, auth: Any) -> None:
    intake: RunningService = await start_service("intake")
    placement: RunningService = await start_service("placement")
    housing: RunningService = await start_service("housing")
    reporting: RunningService = await start_service("reporting")
    await load_facilities(placement)
    services = ("intake", "placement", "housing")
    lines = {region: {s: export_lines(region, s) for s in services} for region in ("midden-ijssel", "ijssel-vecht")}

    imported = await import_export(intake, placement, housing, reporting, lines)

    # Every row accepted. Midden-IJssel: 552 clients (persons and reports), 294 decisions (B1-B6 281 + W1/W2 10 +
    # WX 3 + ...: 150 + 89 + 1 + 29 + 6 + 6 + 10 + 3 = 294); IJssel-Vecht: 33 clients, 13 decisions (10 BW + 3 waiting).
    for region, (clients, decisions) in {"midden-ijssel": (552, 294), "ijssel-vecht": (33, 13)}.items():
        assert not imported.intake[region].refused, imported.intake[region].summary()
        assert imported.intake[region].imported == {"persoon": clients, "melding": clients, "beschikking": decisions}
        assert not imported.placement[region].refused, imported.placement[region].summary()
    # Midden-IJssel's stays: admissions 50+28+5+5+14+7+13+2 (M8 twice)+40+40+40+10+5 = 259; placements 150+89+1+29+6+6
    # (B1-B6) + 2 (W1-004, W2-004 on 2-1-2024) + 5 transfers (M3) = 288; outflow L1-L3 120 + N1 10 + M8 1 + B5/B6 12,
    # less the 10 of L2 who move into a home (their stay ends by the move) = 133; waiting-list rows: one per decision,
    # 294; ready to leave: those 10. IJssel-Vecht: 5 moves out of doorstroom.
    assert imported.placement["midden-ijssel"].imported == {
        "opname": 259,
        "plaatsing": 288,
        "uitstroom": 133,
        "wachtlijst": 294,
        "uitstroomgereed": 10,
    }
    assert {region: (r.imported, r.refused) for region, r in imported.housing.items()} == {
        "midden-ijssel": ({"verhuizing": 10}, []),
        "ijssel-vecht": ({"verhuizing": 5}, []),
    }
    moved = [e for e in imported.events if e.type.split(".")[-2] == "uitgestroomd" and e.data["bestemming"] == "eigen-woning"]
    assert len([e for e in moved if e.data.get("redenCode") == "verhuisd"]) == 15  # placement ended each stay on the move
    journey_events = [e for e in imported.events if "trajectId" in e.data]  # not the facilities loaded beforehand
    assert (
        journey_events and [e.type for e in journey_events if not e.imported] == []
    )  # every event of the import marked geimporteerd

    get = reporting.client.get

    async def indicator(code: str, who: tuple[str, str] = CT_MI, **params: str) -> dict[str, Any]:
        response = await get(f"/v1/indicatoren/{code}", params=params, headers=auth(*who))
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any

    # bw-clienten on 1-1-2024: B1 150 (bw-deventer) + B2 89 (bw-zutphen) + B3 1 (placed 1-1-2024 at 12:00, present at
    # the end of the day) + B4 29 (beschut-deventer) = 269. Not: B5/B6 (left in 2023), W1-004/W2-004 (placed 2-1-2024).
    bw = await indicator("bw-clienten", regio="midden-ijssel", peildatum="2024-01-01")
    assert bw["waarde"] == 269
    assert bw["waarden"]["beschermdWonen"] == 240 and bw["waarden"]["beschutWonen"] == 29  # 150 + 89 + 1; 29
    # bw-wachttijd on 1-1-2024, those waiting: W1 5 entries since 26-4-2023 (250 days), W2 5 since 25-2-2023 (310 days;
    # W1-004 and W2-004 are placed only on 2-1-2024): (5 x 250 + 5 x 310) / 10 = 280 days; 280 / 30.4375 = 9.199 → 9.2.
    # WX left on 1-9-2023; B1-B6 were placed (left with geplaatst) before or on 1-1-2024.
    wait = await indicator("bw-wachttijd", regio="midden-ijssel", peildatum="2024-01-01", van="2023-01-01", tot="2023-12-31")
    assert wait["waarde"] == 9.2
    assert wait["waarden"]["opWachtlijst"] == 10
    assert wait["waarden"]["langsteWachttijdMaanden"] == 10.2  # 310 / 30.4375 = 10.18
    # mo-unieke-clienten 2023: present on 1-12 (M1-M8) 50 + 28 + 5 + 5 + 14 + 7 + 13 + 1 = 123, and L1 40 (from 2022,
    # left in 2023) + L2 40 (10 of them moved into a home) + L3 40 (within 2023) = 120: 243. Not: N1 (2022 only), N2 (from 10-1-2024), IJssel-Vecht's.
    mo = await indicator("mo-unieke-clienten", regio="midden-ijssel", peildatum="2023-12-31", van="2023-01-01", tot="2023-12-31")
    assert mo["waarde"] == 243
    # mo-trajecten-langer-dan-3-maanden on 1-12-2023: in 24-hour or crisis shelter 123 (M1-M8); longer than 3 months
    # M1 50 + M2 28 + M3 5 (crisis from 15-7, transferred 1-10: one period) + M4 5 = 88; not M5 (from 1-9: exactly 3
    # months), M6, M7, M8 (back on 1-10 after a gap). 88 / 123 = 71.54% → 71.5.
    long = await indicator("mo-trajecten-langer-dan-3-maanden", regio="midden-ijssel", peildatum="2023-12-01")
    assert long["waarde"] == 71.5
    assert (long["waarden"]["langerDan3Maanden"], long["waarden"]["inOpvang"]) == (88, 123)

    # The moves: L2's first 10 ready 7 days after admission, housed 14 days later (21 days after admission):
    # (10 x 14 days) / 10 = 14 days = 0.5 months, all within 3 months.
    housed = await indicator("uitstroomgereed-tot-gehuisvest", regio="midden-ijssel", peildatum="2023-12-31")
    assert housed["waarden"]["gehuisvest"] == 10 and housed["waarde"] == 0.5
    # IJssel-Vecht's own history: 10 BW clients in Zwolle on 1-1-2024, 3 waiting since 1-10-2023 (92 days = 3.0 months).
    assert (await indicator("bw-clienten", CT_IV, regio="ijssel-vecht", peildatum="2024-01-01"))["waarde"] == 10
    iv_wait = await indicator("bw-wachttijd", CT_IV, regio="ijssel-vecht", peildatum="2024-01-01")
    assert iv_wait["waarden"]["opWachtlijst"] == 3 and iv_wait["waarde"] == 3.0
