"""The hostile zip of issue 14, built in a fraction of a second.

200 members of 50 MiB of zeros each: 10 GiB unpacked in a zip of about 10 MB. Deflating
10 GiB would take minutes, so one member is deflated once and its bytes are written
under 200 names with hand-made zip headers (the format is plain: a local header before
each member's data, a central directory at the end).
"""

from __future__ import annotations

import struct
import zlib

MIB = 1024 * 1024


def deflated_zeros(size: int) -> tuple[bytes, int]:
    """Raw deflate of ``size`` zero bytes and their CRC-32, made in 1 MiB steps."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(MIB)
    crc = 0
    parts = []
    for _ in range(size // MIB):
        parts.append(packer.compress(block))
        crc = zlib.crc32(block, crc)
    parts.append(packer.flush())
    return b"".join(parts), crc


def bomb_zip(members: int = 200, member_mib: int = 50) -> bytes:
    """A valid zip whose every member inflates to ``member_mib`` MiB of zeros."""
    size = member_mib * MIB
    payload, crc = deflated_zeros(size)
    out = bytearray()
    directory = bytearray()
    for n in range(members):
        name = f"run{n:03d}.fit".encode()
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(payload), size, len(name), 0
        )
        out += name + payload
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(payload), size,
            len(name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        directory += name
    start = len(out)
    out += directory
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, members, members, len(directory), start, 0)
    return bytes(out)
