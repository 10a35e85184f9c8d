"""Two parts of a service that follow the same event type both see it, in order."""

from typing import Any

from journey_platform.messaging.handlers import combine_handlers
from journey_platform.testing.kafka import synthetic_report


async def test_both_handlers_of_one_event_type_run_in_order() -> None:
    seen: list[str] = []

    async def first(event: Any, uow: Any) -> None:
        seen.append("first")

    async def second(event: Any, uow: Any) -> None:
        seen.append("second")

    async def other(event: Any, uow: Any) -> None:
        seen.append("other")

    event = synthetic_report()
    combined = combine_handlers({event.type: first, "x.v1": other}, {event.type: second})
    await combined[event.type](event, None)
    assert seen == ["first", "second"]
    assert combined["x.v1"] is other
