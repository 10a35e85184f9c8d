"""The baseline to compare the optimum with, in the style of Boston's coordinated access system: in priority
order (urgent first, then the longest waiting), each candidate takes the best eligible unit still free."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from housing.domain.matching_encoding import BLOCK_CELLS, eligible, encode, excluded_mask, scores
from housing.domain.model import Candidate, MatchingInput, MatchingPolicy, Proposal


def priority_order(candidates: tuple[Candidate, ...]) -> list[int]:
    """Coordinated access: urgent first, then the longest waiting, then by id."""
    return sorted(range(len(candidates)), key=lambda i: (not candidates[i].urgent, -candidates[i].waiting_days, candidates[i].id))


def baseline_assignment(inp: MatchingInput, policy: MatchingPolicy) -> list[Proposal]:
    """Boston-style coordinated access: in priority order, each candidate takes the best eligible free unit."""
    e = encode(inp, policy)
    if e.n == 0 or e.m == 0:
        return []
    free = np.ones(e.m, dtype=bool)
    capacity_left = e.area_capacity.copy()
    best: list[Proposal] = []
    order = priority_order(e.candidates)
    for rows in _blocks_in_order(order, e.m):
        ok = eligible(e, rows)
        block_scores = scores(e, rows)
        mask = excluded_mask(e, rows, inp.excluded)
        for k, row in enumerate(rows):
            open_now = ok[k] & free & (capacity_left[e.area] != 0)
            if mask is not None:
                open_now &= ~mask[k]
            if not open_now.any():
                continue
            col = int(np.argmax(np.where(open_now, block_scores[k], -np.inf)))
            free[col] = False
            if capacity_left[e.area[col]] > 0:
                capacity_left[e.area[col]] -= 1
            best.append(Proposal(e.candidates[row].id, e.units[col].id, float(block_scores[k, col])))
    return best


def _blocks_in_order(order: list[int], m: int) -> Iterator[np.ndarray]:
    step = max(1, BLOCK_CELLS // max(m, 1))
    for start in range(0, len(order), step):
        yield np.array(order[start : start + step], dtype=np.int64)
