from __future__ import annotations

from journey_platform.errors import Unavailable


class ProcessingLogUnavailable(Unavailable):
    """The processing log could not be written, so the request must not succeed (and shows no data)."""

    def __init__(self) -> None:
        super().__init__("The processing log cannot be written; nothing was done or shown. Retry later.")
