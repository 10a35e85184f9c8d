"""The rate limit's in-process moving window (web/moving_window.py), on a clock the test moves."""

from __future__ import annotations

from limits import parse, parse_many

from journey_platform.web.moving_window import LocalMovingWindow
from journey_platform.web.rate_limit import RateLimitMiddleware


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_hit_over_the_limit_waits_until_the_oldest_leaves_the_window() -> None:
    clock, item = Clock(), parse("3/minute")
    window = LocalMovingWindow(clock)
    for second in (0, 10, 20):
        clock.now = 1000.0 + second
        assert window.hit(item, "alice") is None
    clock.now = 1030.0
    assert window.hit(item, "alice") == 30.0  # the hit at 1000 leaves the window at 1060
    assert window.hit(item, "bob") is None  # per client
    clock.now = 1060.0
    assert window.hit(item, "alice") is None  # the first hit left; the refused one was not counted
    assert window.hit(item, "alice") == 10.0  # three in the window again: 1010, 1020 and 1060


def test_each_limit_counts_on_its_own() -> None:
    clock = Clock()
    per_second, per_minute = parse_many("2/second;3/minute")
    window = LocalMovingWindow(clock)
    assert [window.hit(per_second, "alice"), window.hit(per_minute, "alice")] == [None, None]
    assert [window.hit(per_second, "alice"), window.hit(per_minute, "alice")] == [None, None]
    assert window.hit(per_second, "alice") == 1.0
    clock.now += 1
    assert window.hit(per_second, "alice") is None
    assert window.hit(per_minute, "alice") is None
    assert window.hit(per_minute, "alice") == 59.0


def test_quiet_clients_are_forgotten_after_their_window() -> None:
    clock, per_minute = Clock(), parse("5/minute")
    per_hour = parse("5/hour")
    window = LocalMovingWindow(clock)
    window.hit(per_hour, "carol")
    for client in ("alice", "bob"):
        window.hit(per_minute, client)
    assert window.kept() == 3
    clock.now += 3601
    window.hit(per_minute, "dave")  # the sweep runs once the longest window has passed
    assert window.kept() == 1
    clock.now += 61
    window.hit(per_hour, "erin")
    window.hit(per_minute, "erin")
    clock.now += 3544  # the next sweep, 3605 s after the last: erin's hour has not passed, her minute has
    window.hit(per_minute, "frank")
    assert window.kept() == 2


def test_the_middleware_keeps_memory_counts_itself_and_a_shared_store_in_limits() -> None:
    async def nobody(scope: object, token: str) -> None:
        return None

    async def app(scope: object, receive: object, send: object) -> None:
        return None

    local = RateLimitMiddleware(app, limit="5/minute", storage_url="memory://", principal_key=nobody)
    assert local.local is not None and local.limiter is None
    shared = RateLimitMiddleware(app, limit="5/minute", storage_url="redis://127.0.0.1:1", principal_key=nobody)
    assert shared.local is None and shared.limiter is not None
