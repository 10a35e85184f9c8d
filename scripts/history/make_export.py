"""Makes the synthetic history export of both regions (docs/import.md, "The synthetic export"): SYNTHETIC data only,
made so that importing it reproduces the seed baselines on their reference dates (seed 002, "Prestatie-indicatoren",
footnotes 8-10; all four are Midden-IJssel's):

    bw-clienten 269 on 1-1-2024; bw-wachttijd 9.2 months on 1-1-2024; mo-unieke-clienten 243 in 2023;
    mo-trajecten-langer-dan-3-maanden 71.5% on 1-12-2023.

    .venv/bin/python scripts/history/make_export.py [--out docs/import]

Deterministic: no randomness, the same files every run. The groups below are the hand-worked construction that
docs/import.md explains and tests/history/test_baselines.py checks; the script also checks no facility is ever over
its capacity (the import refuses an admission to a full facility, as live registration does).

Files: `historie-<region>.intake.jsonl` (persons, reports, decisions; `python -m intake.import_history`),
`historie-<region>.placement.jsonl` (stays, placements, outflow, waiting list, ready to leave;
`python -m placement.import_history`) and `historie-<region>.housing.jsonl` (moves; `python -m housing.import_history`).
`docs/import/voorzieningen.yaml` (hand-written) is the one synthetic facility the history needs beyond the reference
facilities.
"""

from __future__ import annotations

import argparse
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

NAMESPACE = uuid.UUID("5d0f3c56-7a43-4d8e-9b0a-6f1f4a6c1e20")  # placement.reference_facilities.NAMESPACE


def facility_id(code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, code))


# code: (type, municipality, capacity)
FACILITIES = {
    "opvang-deventer": ("24-uursopvang", "GM0150", 75),
    "crisisopvang-zutphen": ("crisisopvang", "GM0301", 20),
    "opvang-zutphen-historie": ("24-uursopvang", "GM0301", 50),  # docs/import/voorzieningen.yaml
    "bw-deventer": ("beschermd-wonen", "GM0150", 170),
    "bw-zutphen": ("beschermd-wonen", "GM0301", 100),
    "beschut-deventer": ("beschut-wonen", "GM0150", 30),
    "de-herberg-zwolle": ("acute-opvang", "GM0193", 32),
    "doorstroom-zwolle": ("doorstroomvoorziening", "GM0193", 80),
    "bw-zwolle": ("beschermd-wonen", "GM0193", 60),
}
D, Z, X = "opvang-deventer", "crisisopvang-zutphen", "opvang-zutphen-historie"
BWD, BWZ, BSD = "bw-deventer", "bw-zutphen", "beschut-deventer"
MI_MUNICIPALITIES = ("GM0150", "GM0301", "GM0262", "GM1773", "GM0177")  # Deventer, Zutphen, Lochem, Olst-Wijhe, Raalte
IV_MUNICIPALITIES = ("GM0193", "GM0166", "GM0148")  # Zwolle, Kampen, Dalfsen


@dataclass
class Client:
    key: str
    gemeente: str
    reported: date
    decision: tuple[str, date] | None = None  # (voorziening, besluitDatum)
    withdrawn: date | None = None  # left the waiting list (ingetrokken)
    stays: list[tuple[str, date, date | None, str]] = field(default_factory=list)  # (facility, from, to, how)
    transfer: tuple[str, date] | None = None  # moved from its first stay to this facility on this day
    moved: tuple[date, date] | None = None  # (ready to leave, moved into a home): the move ends the last stay


def days(start: date, n: int, step: int) -> list[date]:
    return [start + timedelta(days=i * step) for i in range(n)]


def midden_ijssel() -> list[Client]:
    clients: list[Client] = []

    def add(group: str, i: int, **kwargs: Any) -> Client:
        client = Client(key=f"MI-{group}-{i:03d}", gemeente=MI_MUNICIPALITIES[i % len(MI_MUNICIPALITIES)], **kwargs)
        clients.append(client)
        return client

    def mo(group: str, n: int, facility: str, first: date, step: int, length: int | None) -> None:
        for i, start in enumerate(days(first, n, step)):
            end = start + timedelta(days=length) if length is not None else None
            add(group, i, reported=start, stays=[(facility, start, end, "opname")])

    # --- MO, present on 1-12-2023 (123 journeys; 88 with a continuous period of more than 3 months) -------------------
    mo("M1", 50, D, date(2023, 3, 1), 3, None)  # admitted 1-3 .. 26-7-2023: longer than 3 months
    mo("M2", 28, X, date(2023, 4, 3), 4, None)  # admitted 3-4 .. 20-7-2023: longer
    for i in range(5):  # M3: crisis shelter from 15-7-2023, transferred to Deventer's 24-hour shelter on 1-10: joined, longer
        add("M3", i, reported=date(2023, 7, 15), stays=[(Z, date(2023, 7, 15), None, "opname")], transfer=(D, date(2023, 10, 1)))
    mo("M4", 5, Z, date(2023, 6, 1), 1, None)  # crisis shelter since 1-6 .. 5-6-2023: longer
    mo("M5", 14, D, date(2023, 9, 1), 6, None)  # 1-9 .. 18-11-2023: not longer (1-9 is exactly 3 months on 1-12)
    mo("M6", 7, X, date(2023, 10, 2), 7, None)  # 2-10 .. 13-11-2023: not longer
    mo("M7", 13, Z, date(2023, 11, 1), 2, None)  # 1-11 .. 25-11-2023: not longer
    # M8: one client left on 10-8-2023 and came back on the same journey on 1-10: a new period since 1-10, not longer
    add(
        "M8",
        0,
        reported=date(2023, 5, 1),
        stays=[(D, date(2023, 5, 1), date(2023, 8, 10), "opname"), (D, date(2023, 10, 1), None, "opname")],
    )
    # --- MO clients of 2023 not present on 1-12-2023 (120) -------------------------------------------------------------
    mo("L1", 40, D, date(2022, 11, 1), 1, 70)  # 1-11 .. 10-12-2022, each 70 days: left 10-1 .. 18-2-2023
    mo("L2", 40, X, date(2023, 1, 2), 2, 21)  # admitted 2-1 .. 21-3-2023, each 21 days: within 2023
    for client in clients[-40:-30]:  # the first 10 of them leave by moving into a home, ready a week after admission
        _, start, end, _ = client.stays[0]
        assert end is not None
        client.moved = (start + timedelta(days=7), end)
    mo("L3", 40, Z, date(2023, 1, 2), 4, 14)  # admitted 2-1 .. 7-6-2023, each 14 days (left by 21-6): within 2023
    # --- MO, not clients of 2023 --------------------------------------------------------------------------------------
    mo("N1", 10, D, date(2022, 3, 1), 7, 90)  # 2022 only (admitted 1-3 .. 3-5, left 30-5 .. 1-8-2022)
    mo("N2", 5, X, date(2024, 1, 10), 1, None)  # from 10-1-2024

    # --- BW: 269 BW clients on 1-1-2024 ------------------------------------------------------------------------------
    def bw(group: str, n: int, facility: str, kind: str, first: date, step: int, wait: int, end: date | None = None) -> None:
        for i, placed in enumerate(days(first, n, step)):
            decided = placed - timedelta(days=wait)
            client = add(group, i, reported=decided - timedelta(days=30), decision=(kind, decided))
            client.stays = [(facility, placed, end, "plaatsing")]

    bw("B1", 150, BWD, "beschermd-wonen", date(2021, 2, 1), 7, 120)  # placed 1-2-2021 .. 11-12-2023
    bw("B2", 89, BWZ, "beschermd-wonen", date(2021, 3, 1), 11, 90)  # placed 1-3-2021 .. 25-10-2023
    bw("B3", 1, BWZ, "beschermd-wonen", date(2024, 1, 1), 1, 200)  # placed 1-1-2024 (12:00): counts on 1-1-2024
    bw("B4", 29, BSD, "beschut-wonen", date(2021, 6, 1), 30, 60)  # placed 1-6-2021 .. 19-9-2023
    bw("B5", 6, BWD, "beschermd-wonen", date(2022, 1, 10), 14, 100, date(2023, 6, 30))  # left on 30-6-2023
    bw("B6", 6, BWZ, "beschermd-wonen", date(2022, 2, 10), 14, 100, date(2023, 7, 31))  # left on 31-7-2023
    # --- BW waiting list on 1-1-2024: 10 entries, 5 x 250 + 5 x 310 days = 2800 days, 280 days = 9.2 months ----------
    for i in range(5):
        kind = "beschut-wonen" if i < 2 else "beschermd-wonen"
        add("W1", i, reported=date(2023, 3, 27), decision=(kind, date(2023, 4, 26)))  # 250 days before 1-1-2024
        add("W2", i, reported=date(2023, 1, 26), decision=("beschermd-wonen", date(2023, 2, 25)))  # 310 days
    for group in ("W1", "W2"):  # one of each placed on 2-1-2024: still waiting on 1-1-2024
        client = next(c for c in clients if c.key == f"MI-{group}-004")
        client.stays = [(BWD, date(2024, 1, 2), None, "plaatsing")]
    for i in range(3):  # WX: withdrawn on 1-9-2023, not waiting on 1-1-2024
        add("WX", i, reported=date(2023, 2, 1), decision=("beschermd-wonen", date(2023, 3, 1)), withdrawn=date(2023, 9, 1))
    return clients


def ijssel_vecht() -> list[Client]:
    clients: list[Client] = []
    for i, placed in enumerate(days(date(2023, 2, 1), 10, 20)):  # 10 BW clients in Zwolle on 1-1-2024
        decided = placed - timedelta(days=45)
        clients.append(
            Client(
                f"IV-B1-{i:03d}",
                IV_MUNICIPALITIES[i % 3],
                decided - timedelta(days=20),
                ("beschermd-wonen", decided),
                stays=[("bw-zwolle", placed, None, "plaatsing")],
            )
        )
    for i in range(3):  # 3 waiting since 1-10-2023 (92 days on 1-1-2024)
        clients.append(Client(f"IV-W1-{i:03d}", "GM0193", date(2023, 9, 1), ("beschermd-wonen", date(2023, 10, 1))))
    for i, start in enumerate(days(date(2023, 1, 5), 20, 9)):  # 20 acute stays of 4 weeks, then doorstroom for 10 of them
        stays = [("de-herberg-zwolle", start, start + timedelta(days=28) if i % 2 else None, "opname")]
        clients.append(
            Client(
                f"IV-M1-{i:03d}",
                IV_MUNICIPALITIES[i % 3],
                start,
                stays=stays,
                transfer=None if i % 2 else ("doorstroom-zwolle", start + timedelta(days=28)),
            )
        )
        if i % 4 == 0:  # 5 of those in doorstroom: ready after 60 days, a home 40 days later
            clients[-1].moved = (start + timedelta(days=60), start + timedelta(days=100))
    return clients


def rows(clients: list[Client]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(intake rows, placement rows, housing rows); placement's and housing's in the order of their moments."""
    intake: list[dict[str, Any]] = []
    timed: list[tuple[date, int, dict[str, Any]]] = []
    housing: list[tuple[date, dict[str, Any]]] = []
    for client in clients:
        intake.append({"regelsoort": "persoon", "bronId": f"P-{client.key}"})
        intake.append(
            {
                "regelsoort": "melding",
                "bronId": f"M-{client.key}",
                "persoon": f"P-{client.key}",
                "meldDatum": client.reported.isoformat(),
                "melderType": "zelfmelder",
                "situatie": "dakloos",
                "gemeenteMelding": client.gemeente,
                "gemeenteVanHerkomst": client.gemeente,
            }
        )
        if client.decision:
            kind, decided = client.decision
            intake.append(
                {
                    "regelsoort": "beschikking",
                    "bronId": f"B-{client.key}",
                    "melding": f"M-{client.key}",
                    "besluit": "toekenning",
                    "voorziening": kind,
                    "soort": "nieuw",
                    "geldigVan": decided.isoformat(),
                    "besluitDatum": decided.isoformat(),
                }
            )
            wait: dict[str, Any] = {"regelsoort": "wachtlijst", "bronId": f"W-{client.key}", "beschikking": f"B-{client.key}"}
            if client.withdrawn:
                wait |= {"verlatenOp": client.withdrawn.isoformat(), "redenCode": "ingetrokken"}
            timed.append((client.withdrawn or decided, 0, wait))
        for n, (code, start, end, how) in enumerate(client.stays):
            stay_id = f"V-{client.key}-{n + 1}"
            moment = "opgenomenOp" if how == "opname" else "geplaatstOp"
            row = {"regelsoort": how, "bronId": stay_id, "melding": f"M-{client.key}", "voorzieningId": facility_id(code)}
            row[moment] = start.isoformat()
            if how == "plaatsing" and client.decision:
                row["beschikking"] = f"B-{client.key}"
            timed.append((start, 2, row))
            if end is not None and not (client.moved and n == len(client.stays) - 1 and not client.transfer):
                leave = {"regelsoort": "uitstroom", "bronId": f"U-{client.key}-{n + 1}", "verblijf": stay_id}
                destination = "eigen-woning" if how == "plaatsing" else "familie-of-vrienden"
                timed.append((end, 1, leave | {"uitgestroomdOp": end.isoformat(), "bestemming": destination}))
        if client.transfer:
            code, day = client.transfer
            row = {"regelsoort": "plaatsing", "bronId": f"V-{client.key}-T", "melding": f"M-{client.key}"}
            timed.append((day, 2, row | {"voorzieningId": facility_id(code), "geplaatstOp": day.isoformat()}))
        if client.moved:
            ready, moved = client.moved
            last = f"V-{client.key}-T" if client.transfer else f"V-{client.key}-{len(client.stays)}"
            declared = {"regelsoort": "uitstroomgereed", "bronId": f"R-{client.key}", "verblijf": last}
            wishes = {"huishoudenGrootte": 1, "maxHuur": 750, "gemeenteVoorkeuren": [client.gemeente]}
            timed.append((ready, 3, declared | {"verklaardOp": ready.isoformat()} | wishes))
            timed.append((moved, 1, {"regelsoort": "(verhuizing)", "verblijf": last}))  # the capacity check's only
            home: dict[str, Any] = {
                "aanbiederType": "woningcorporatie",
                "aanbieder": "woonstichting-voorbeeld",
                "type": "sociale-huur",
            }
            home |= {"gemeente": client.gemeente, "wijk": "centrum", "huur": 650.0, "kamers": 2}
            offer = {
                "aangebodenOp": (moved - timedelta(days=14)).isoformat(),
                "geaccepteerdOp": (moved - timedelta(days=10)).isoformat(),
            }
            move = {"regelsoort": "verhuizing", "bronId": f"H-{client.key}", "uitstroomgereed": f"R-{client.key}", "woning": home}
            housing.append((moved, move | offer | {"verhuisdOp": moved.isoformat()}))
    timed.sort(key=lambda t: (t[0], t[1]))  # departures before arrivals on the same day: places free up first
    # A stay that ends by a move stays open in placement until housing's import (after placement's whole file): the
    # capacity check frees its place only at the end.
    check_capacity(
        [t for t in timed if t[2]["regelsoort"] != "(verhuizing)"] + [t for t in timed if t[2]["regelsoort"] == "(verhuizing)"]
    )
    placement = [row for _, _, row in timed if row["regelsoort"] != "(verhuizing)"]
    return intake, placement, [row for _, row in sorted(housing, key=lambda t: t[0])]


def check_capacity(timed: list[tuple[date, int, dict[str, Any]]]) -> None:
    """Replays the rows: never more stays in a facility than its places (else the import would refuse one)."""
    by_id = {facility_id(code): code for code in FACILITIES}
    where: dict[str, str] = {}  # stay bronId -> facility
    current: dict[str, str] = {}  # melding -> stay bronId
    occupied: dict[str, int] = defaultdict(int)
    for _, _, row in timed:
        if row["regelsoort"] in ("opname", "plaatsing"):
            previous = current.get(row["melding"])
            if previous is not None and row["regelsoort"] == "plaatsing":
                occupied[where.pop(previous)] -= 1  # a transfer
            code = by_id[row["voorzieningId"]]
            occupied[code] += 1
            assert occupied[code] <= FACILITIES[code][2], f"{code} over capacity at {row}"
            where[row["bronId"]], current[row["melding"]] = code, row["bronId"]
        elif row["regelsoort"] in ("uitstroom", "(verhuizing)"):
            occupied[where.pop(row["verblijf"])] -= 1


def write(out: Path, name: str, data: list[dict[str, Any]]) -> None:
    (out / name).write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in data), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "docs" / "import"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    for region, clients in (("midden-ijssel", midden_ijssel()), ("ijssel-vecht", ijssel_vecht())):
        intake, placement, housing = rows(clients)
        write(out, f"historie-{region}.intake.jsonl", intake)
        write(out, f"historie-{region}.placement.jsonl", placement)
        write(out, f"historie-{region}.housing.jsonl", housing)
        print(f"{region}: {len(clients)} clients, rows: {len(intake)} intake, {len(placement)} placement, {len(housing)} housing")


if __name__ == "__main__":
    main()
