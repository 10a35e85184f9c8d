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
    """One move per stay, in the order given, nobody left out. Places chosen by the caller are handed out first
    (when they have room and suit); then each other client gets the first suitable facility with room, else the
    waiting list."""
    chosen = chosen or {}
    room = dict(free)
    targets: dict[UUID, UUID | None] = {}
    for stay in [s for s in stays if s in chosen] + [s for s in stays if s not in chosen]:
        preferred = [chosen[stay]] if stay in chosen else []
        target = next((f for f in [*preferred, *facilities] if room.get(f, 0) > 0 and fits(stay, f)), None)
        if target is not None:
            room[target] -= 1
        targets[stay] = target
    return [Move(stay_id=stay, to_facility=targets[stay]) for stay in stays]
