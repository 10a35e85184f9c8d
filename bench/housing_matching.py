"""Benchmark of housing's matcher (not a test): time for 1,000 / 5,000 / 10,000 candidates × units, and the
optimal assignment against the coordinated-access baseline on the same synthetic instance.

    .venv/bin/python bench/housing_matching.py [--sizes 1000 5000 10000] [--capacity 3] [--repeat 3]

Prints its figures and writes bench/results/housing_matching-<UTC time>.json. Target: 5,000 × 5,000 in under 2 s.
The optimum is computed on the pruned graph at every size (the service prunes pools above 1,000 × 1,000 only);
at 1,000 the bench also solves the unpruned graph and prints the gap.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from housing.domain.baseline import baseline_assignment
from housing.domain.matching import optimal_assignment
from housing.domain.model import MatchingInput, MatchingPolicy, Proposal
from housing.synthetic import instance

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_SIZE, TARGET_SECONDS = 5000, 2.0
EXACT_CHECK_SIZE = 1000


def timed(solve: Any, inp: MatchingInput, policy: MatchingPolicy, repeat: int) -> tuple[list[Proposal], list[float]]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = solve(inp, policy)
        seconds.append(time.perf_counter() - started)
    return result, seconds


def wishes(inp: MatchingInput, proposals: list[Proposal]) -> dict[str, Any]:
    """How well the placements follow the client's own wish (seed 000 §5): of the placed clients who stated a
    preference, the share housed in their first / any stated municipality, and how many were sent to their
    municipality of origin although they asked for another; of those without a preference, the share housed in
    their municipality of origin."""
    by_candidate = {c.id: c for c in inp.candidates}
    municipality = {u.id: u.municipality for u in inp.units}
    placed = [(by_candidate[p.candidate_id], municipality[p.unit_id]) for p in proposals]
    stated = [(c, m) for c, m in placed if c.preferences]
    silent = [(c, m) for c, m in placed if not c.preferences and c.origin is not None]

    def share(hits: int, of: int) -> float:
        return round(hits / of, 4) if of else 0.0

    return {
        "placed_with_preference": len(stated),
        "first_preference_share": share(sum(m == c.preferences[0] for c, m in stated), len(stated)),
        "any_preference_share": share(sum(m in c.preferences for c, m in stated), len(stated)),
        "sent_to_origin_against_wish": sum(m == c.origin and m not in c.preferences for c, m in stated),
        "placed_without_preference": len(silent),
        "origin_share_without_preference": share(sum(m == c.origin for c, m in silent), len(silent)),
    }


def outcome(inp: MatchingInput, proposals: list[Proposal]) -> dict[str, Any]:
    waiting = {c.id: c.waiting_days for c in inp.candidates}
    placed = np.array([waiting[p.candidate_id] for p in proposals]) if proposals else np.zeros(0)
    placed_ids = {p.candidate_id for p in proposals}
    left = np.array([c.waiting_days for c in inp.candidates if c.id not in placed_ids])
    over_target = [c for c in inp.candidates if c.waiting_days > 91]

    def pct(values: np.ndarray) -> dict[str, float]:
        if not len(values):
            return {}
        return {f"p{q}": float(np.percentile(values, q)) for q in (10, 50, 90)}

    return {
        "placements": len(proposals),
        "total_score": round(sum(p.score for p in proposals), 2),
        "waiting_days_placed": pct(placed),
        "waiting_days_left_waiting": pct(left),
        "over_3_months_placed": sum(1 for c in over_target if c.id in placed_ids),
        "over_3_months_total": len(over_target),
        "wishes": wishes(inp, proposals),
    }


def run(size: int, capacity: int | None, repeat: int) -> dict[str, Any]:
    inp = instance(size, size, seed=size, capacity_per_area=capacity)
    policy = MatchingPolicy(prune_above_pairs=0)  # the large-pool path at every size, to compare like with like
    optimal, optimal_s = timed(optimal_assignment, inp, policy, repeat)
    baseline, baseline_s = timed(baseline_assignment, inp, policy, repeat)
    row: dict[str, Any] = {
        "candidates": size,
        "units": size,
        "capacity_per_neighbourhood": capacity,
        "optimal_seconds": {"median": statistics.median(optimal_s), "runs": optimal_s},
        "baseline_seconds": {"median": statistics.median(baseline_s), "runs": baseline_s},
        "optimal": outcome(inp, optimal),
        "baseline": outcome(inp, baseline),
    }
    if size <= EXACT_CHECK_SIZE:
        exact = optimal_assignment(inp, MatchingPolicy(edges_per_candidate=None))
        row["exact_total_score"] = round(sum(p.score for p in exact), 2)
    return row


def show(row: dict[str, Any]) -> None:
    o, b = row["optimal"], row["baseline"]
    print(f"\n{row['candidates']:>6} candidates × {row['units']} units (≤ {row['capacity_per_neighbourhood']} per neighbourhood)")
    print(f"  optimal : {row['optimal_seconds']['median']:.3f} s   baseline: {row['baseline_seconds']['median']:.3f} s")
    for name, r in (("optimal", o), ("baseline", b)):
        w = r["waiting_days_placed"]
        print(
            f"  {name:<8}: {r['placements']:>5} placed, total score {r['total_score']:>10.2f}, waiting days of placed "
            f"p10/p50/p90 {w.get('p10', 0):.0f}/{w.get('p50', 0):.0f}/{w.get('p90', 0):.0f}, "
            f"> 3 months placed {r['over_3_months_placed']}/{r['over_3_months_total']}"
        )
        v = r["wishes"]
        print(
            f"  {'':<8}  with a wish {v['placed_with_preference']}: first wish {v['first_preference_share']:.1%}, "
            f"any wish {v['any_preference_share']:.1%}, sent to origin against the wish "
            f"{v['sent_to_origin_against_wish']}; without a wish {v['placed_without_preference']}: "
            f"in origin {v['origin_share_without_preference']:.1%}"
        )
    if "exact_total_score" in row:
        gap = 1 - o["total_score"] / row["exact_total_score"] if row["exact_total_score"] else 0.0
        print(f"  exact (unpruned) total score {row['exact_total_score']:.2f}: pruning gap {gap:.4%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--capacity", type=int, default=3, help="new placements per neighbourhood per period; -1: none")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    capacity = None if args.capacity < 0 else args.capacity
    optimal_assignment(instance(50, 50), MatchingPolicy())  # warm up imports and caches
    rows = [run(size, capacity, args.repeat if size <= TARGET_SIZE else 1) for size in args.sizes]
    for row in rows:
        show(row)
    target = next((r for r in rows if r["candidates"] == TARGET_SIZE), None)
    if target is not None:
        seconds = target["optimal_seconds"]["median"]
        verdict = "met" if seconds < TARGET_SECONDS else "MISSED"
        print(f"\nTarget {TARGET_SIZE} × {TARGET_SIZE} under {TARGET_SECONDS:.0f} s: {verdict} ({seconds:.3f} s)")
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"housing_matching-{stamp}.json"
    out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(), "results": rows}, indent=2))
    print(f"written: {out}")


if __name__ == "__main__":
    main()
