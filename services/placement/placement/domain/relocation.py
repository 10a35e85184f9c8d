"""Process control when a provider fails: every client gets a new place or a place on the waiting list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class Move:
    stay_id: UUID
    to_facility: UUID | None  # None: onto the waiting list

    @property
    def to_waiting_list(self) -> bool:
        return self.to_facility is None


def plan_moves(
    stays: Sequence[UUID],
    facilities: Sequence[UUID],
    free: dict[UUID, int],
    fits: Callable[[UUID, UUID], bool],
    chosen: dict[UUID, UUID] | None = None,
) -> list[Move]:
    """One move per stay, nobody left out. A place chosen by the caller is used when it has room and
    suits; otherwise the first suitable facility with room, else the waiting list."""
    room = dict(free)
    moves = []
    for stay in stays:
        preferred = [chosen[stay]] if chosen and stay in chosen else []
        target = next((f for f in [*preferred, *facilities] if room.get(f, 0) > 0 and fits(stay, f)), None)
        if target is not None:
            room[target] -= 1
        moves.append(Move(stay_id=stay, to_facility=target))
    return moves
