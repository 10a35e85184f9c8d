"""The part of a fake unit of work every service's unit tests share (cosmicpython's FakeUnitOfWork): it records what
a step published, the moments it noted as registered late, and whether it committed. A service's fake adds its fake
repositories (placement/fakes.py, housing/fakes.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journey_platform.contracts.base import EventContract


@dataclass
class FakeUnitOfWorkBase:
    published: list[EventContract] = field(default_factory=list)
    late: list[dict[str, Any]] = field(default_factory=list)
    committed: bool = False

    def publish(self, contract: EventContract, extra_headers: dict[str, str] | None = None) -> object:
        self.published.append(contract)
        return contract

    def note_late(self, **moment: Any) -> None:
        self.late.append(moment)

    async def flush_changes(self) -> None:
        return None

    async def commit(self) -> None:
        self.committed = True

    def published_types(self) -> list[str]:
        return [type(c).__name__ for c in self.published]
