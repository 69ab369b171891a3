"""Where the real watch recordings live (../shared/data, never copied into the repo)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "activities"


def real_files(pattern: str = "**/*") -> list[Path]:
    """Real recordings, or [] when the shared data is absent (tests then skip)."""
    if not DATA.is_dir():
        return []
    return sorted(p for p in DATA.glob(pattern) if p.is_file() and p.suffix != ".md")


@pytest.fixture
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"real activity files not found at {DATA} (see ../shared/data/SOURCES.md)")
    return DATA
