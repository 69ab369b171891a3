"""File sizes as people read them, in the unit the limits are set in (MiB).

The limits are powers of two (200 * 1024 * 1024 bytes); printing them in decimal
megabytes said "210 MB" for a 200 MiB limit. Every size message goes through here.
"""

from __future__ import annotations

MIB = 1024 * 1024


def mib_text(size_bytes: int | float) -> str:
    """``209715200`` -> ``"200 MiB"``; under 10 MiB one decimal (``"1.5 MiB"``)."""
    mib = size_bytes / MIB
    return f"{mib:.1f} MiB" if mib < 10 and round(mib, 1) != int(mib) else f"{mib:.0f} MiB"
