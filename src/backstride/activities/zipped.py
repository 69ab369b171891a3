"""A zip of many activity files, read with hard limits (zip-bomb safe).

Sizes in a zip's directory are claims, not facts, so every member is inflated in small
chunks and stopped as soon as it passes any limit: its own size cap, the compression
ratio real watch files never reach, or what is left of the whole zip's budget. Every
byte inflated counts against that budget, refused members included, so a zip of many
bombs costs at most the budget once (issue 14: 200 members of 50 MiB used to be inflated
in full before each was refused, 27 CPU-seconds). Nested zips are not opened (one level
is all an export from a watch platform needs), and names are only used as labels,
never as paths on disk.
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
CHUNK_BYTES = 64 * 1024

ZIP_MAGIC = b"PK\x03\x04"


def looks_like_zip(data: bytes) -> bool:
    return data[:4] == ZIP_MAGIC


def _skippable(info: zipfile.ZipInfo) -> bool:
    base = info.filename.rsplit("/", 1)[-1]
    return info.is_dir() or not base or base.startswith(".") or "__MACOSX/" in info.filename


class MemberRefused(ActivityError):
    """A member stopped while inflating; ``inflated`` bytes were spent on it anyway."""

    def __init__(self, message: str, inflated: int) -> None:
        super().__init__(message)
        self.inflated = inflated


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, archive_bytes: int
) -> bytes:
    """Inflate one member chunk by chunk, stopping at the first limit it passes.

    The compressed size is taken from the directory but never more than the archive
    itself, so a lying header cannot raise the ratio allowance.
    """
    compressed = max(min(info.compress_size, archive_bytes), 1024)
    ratio_cap = MAX_RATIO * compressed
    cap = min(MAX_MEMBER_BYTES, ratio_cap, budget)
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while size <= cap:
            chunk = stream.read(min(CHUNK_BYTES, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    if size > cap:
        if cap == ratio_cap:
            message = f"{info.filename} unpacks to far more than a watch file would."
        elif cap == budget:
            message = f"{info.filename}: skipped, the zip unpacks to more than 200 MiB."
        else:
            message = f"{info.filename} is too large once unpacked."
        raise MemberRefused(message, size)
    return b"".join(chunks)


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
            problems.append(f"{info.filename}: skipped, the zip unpacks to more than 200 MiB.")
            continue
        try:
            if info.flag_bits & 0x1:
                raise ActivityError(f"{info.filename} is encrypted.")
            member = _read_member(archive, info, budget, len(data))
            budget -= len(member)
            if looks_like_zip(member):
                raise ActivityError(f"{info.filename} is a zip inside the zip; unpack it first.")
            on_member(member, info.filename)
        except MemberRefused as exc:
            budget -= exc.inflated  # what was inflated was paid for, refused or not
            problems.append(str(exc))
        except ActivityError as exc:
            problems.append(str(exc))
        # zipfile raises these on damaged members (bad CRC, bad compression data).
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as exc:
            problems.append(f"{info.filename}: damaged in the zip ({exc}).")
    return problems
