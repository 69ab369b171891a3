"""A zip of many activity files, read with hard limits (zip-bomb safe).

Sizes in a zip's directory are claims, not facts, so every member is read through a
capped stream: reading stops one byte past the limit, whatever the header said. Nested
zips are not opened (one level is all an export from a watch platform needs), and
names are only used as labels, never as paths on disk.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable

from backstride.activities.models import ActivityError

MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed/compressed; real FIT/GPX/TCX compress about 3-20x

ZIP_MAGIC = b"PK\x03\x04"


def looks_like_zip(data: bytes) -> bool:
    return data[:4] == ZIP_MAGIC


def _skippable(info: zipfile.ZipInfo) -> bool:
    base = info.filename.rsplit("/", 1)[-1]
    return info.is_dir() or not base or base.startswith(".") or "__MACOSX/" in info.filename


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    limit = min(MAX_MEMBER_BYTES, budget)
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ActivityError(f"{info.filename} is too large once unpacked.")
    if info.compress_size and len(data) > MAX_RATIO * max(info.compress_size, 1024):
        raise ActivityError(f"{info.filename} unpacks to far more than a watch file would.")
    return data


def unpack(data: bytes, name: str, on_member: Callable[[bytes, str], None]) -> list[str]:
    """Call ``on_member(bytes, member_name)`` for each file; return per-member problems.

    ``on_member`` raises ActivityError for a member it cannot read; that becomes one
    line in the returned list, so one bad file does not sink a whole export.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [i for i in archive.infolist() if not _skippable(i)]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ActivityError(f"{name} is not a readable zip file ({exc}).") from None
    if len(members) > MAX_MEMBERS:
        raise ActivityError(f"{name} holds {len(members)} files; at most {MAX_MEMBERS} at once.")
    if not members:
        raise ActivityError(f"{name} is an empty zip file.")
    problems: list[str] = []
    budget = MAX_TOTAL_BYTES
    for info in members:
        if budget <= 0:
            problems.append(f"{info.filename}: skipped, the zip unpacks to more than 200 MB.")
            continue
        try:
            if info.flag_bits & 0x1:
                raise ActivityError(f"{info.filename} is encrypted.")
            member = _read_member(archive, info, budget)
            budget -= len(member)
            if looks_like_zip(member):
                raise ActivityError(f"{info.filename} is a zip inside the zip; unpack it first.")
            on_member(member, info.filename)
        except ActivityError as exc:
            problems.append(str(exc))
        # zipfile raises these on damaged members (bad CRC, bad compression data).
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as exc:
            problems.append(f"{info.filename}: damaged in the zip ({exc}).")
    return problems
