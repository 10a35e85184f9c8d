"""The burgerservicenummer and its 11-check (elfproef)."""

from __future__ import annotations

import re

_NINE_DIGITS = re.compile(r"^\d{9}$")


def passes_eleven_check(bsn: str) -> bool:
    """9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be divisible by 11 (and not all zeros)."""
    if not _NINE_DIGITS.match(bsn) or bsn == "000000000":
        return False
    digits = [int(c) for c in bsn]
    total = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits[:8], strict=True)) - digits[8]
    return total % 11 == 0
