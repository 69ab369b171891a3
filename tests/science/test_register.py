"""The register of rules (``backstride.evidence``) agrees with the code and with the docs.

Three cross-checks, so a number cannot reach a person without a source:

1. every constant the register names has the value the code uses;
2. every number in a person-visible string of ``backstride.training`` and
   ``backstride.gait.cues`` (string literals that are not docstrings, and the cue targets
   and tips as the cue functions build them) belongs to a rule of the matching area;
3. docs/science/rules.md holds the table rendered from the register, and every rule
   has a grade from the fixed list.
"""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from backstride import evidence
from backstride.gait import cue_sources, cues

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "backstride"
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])")
# Citation years, journal volume(issue):pages, DOIs, example dates and the date-range
# limit are not rules.
NOT_RULES = re.compile(
    r"\d{4}-\d{2}-\d{2}|\b(?:1[89]\d\d|20\d\d|2100)\b"
    r"|\b\d+(?:\(\d+\))?:\d+(?:-\d+)?|doi [^\s)]+"
)

# Which rules may explain the numbers of which source file.
AREAS: dict[str, tuple[str, ...]] = {
    "training/energy.py": ("energy.",),
    "training/load.py": ("load.",),
    "training/adaptation.py": ("plans.", "load."),
    "training/screening.py": ("plans.",),
    "training/plans/": ("plans.",),
    "training/models.py": ("plans.",),
    "training/schedule.py": ("plans.",),
    "training/__init__.py": ("plans.",),
    "training/pain_model.py": ("pain.", "plans."),
    "training/screening_rules.py": ("screening.", "plans."),
    "training/status.py": ("pain.", "plans."),
    "training/balance_test.py": ("balance.",),
    "training/dates.py": ("dates.",),
    "training/readiness.py": ("screening.", "plans."),
    "training/balance_plan.py": ("balance.", "plans."),
    "training/overrides.py": ("plans.",),
    "training/units.py": ("units.",),
    "gait/cues.py": ("cues.",),
    "gait/cue_sources.py": ("cues.",),
}


def _numbers(text: str) -> set[str]:
    return {_norm(n) for n in NUMBER.findall(NOT_RULES.sub(" ", text))}


def _norm(number: str) -> str:
    """1.0 and 1, 0.60 and 0.6 are the same number to a reader."""
    value = float(number)
    return f"{value:g}"


def _allowed(prefixes: tuple[str, ...]) -> set[str]:
    return {_norm(n) for r in evidence.RULES if r.id.startswith(prefixes) for n in r.numbers}


def _person_strings(path: Path) -> list[str]:
    """String literals of a module that are not docstrings (f-string parts included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _files() -> list[tuple[Path, tuple[str, ...]]]:
    out = []
    for pattern, prefixes in AREAS.items():
        target = SRC / pattern
        paths = sorted(target.rglob("*.py")) if pattern.endswith("/") else [target]
        out += [(p, prefixes) for p in paths]
    return out


def test_every_training_module_and_the_cue_modules_are_scanned() -> None:
    """A new module in training/ must join AREAS, so its numbers are checked too."""
    scanned = {path for path, _ in _files()}
    expected = set((SRC / "training").rglob("*.py")) | {SRC / "gait" / "cues.py"}
    assert expected <= scanned, sorted(str(p) for p in expected - scanned)


def test_every_rule_has_a_grade_from_the_list_and_a_unique_id() -> None:
    ids = [r.id for r in evidence.RULES]
    assert len(ids) == len(set(ids))
    for r in evidence.RULES:
        assert r.grade in evidence.GRADES, r.id
        assert r.source and r.what and r.numbers, r.id


@pytest.mark.parametrize(
    ("path", "value"),
    [(path, value) for r in evidence.RULES for path, value in r.constants.items()],
)
def test_every_constant_in_the_register_has_the_value_the_code_uses(path, value) -> None:
    module, name = path.split(":")
    actual = getattr(importlib.import_module(module), name)
    assert actual == pytest.approx(value), f"{path} is {actual!r}, the register says {value!r}"


@pytest.mark.parametrize(("path", "prefixes"), _files(), ids=lambda x: getattr(x, "name", ""))
def test_every_number_in_a_person_visible_string_belongs_to_a_rule(path, prefixes) -> None:
    allowed = _allowed(prefixes)
    missing = {
        (n, text[:60]) for text in _person_strings(path) for n in _numbers(text) if n not in allowed
    }
    assert not missing, f"{path.relative_to(ROOT)}: numbers without a rule: {sorted(missing)}"


def _cue_texts() -> list[str]:
    """Targets and tips as the cue functions build them, over gaits, speeds and values."""
    out = []
    for gait in ("walk", "run", None):
        for speed in (None, 0.3, 0.9, 1.0, 1.5, 2.5):
            for older in (False, True):
                for value in (50.0, 100.0, 170.0, 300.0):
                    v = cues.cadence_cue(value, gait, speed_ms=speed, older=older)
                    out += [v.target, v.tip]
        out += [cues.knee_lift_cue(x, gait).target for x in (0.0, 30.0)]
        out += [cues.stride_cue(x, gait, 12.0).target for x in (0.1, 0.9)]
    for value in (-40.0, 5.0, 40.0):
        for builder in (cues.posture_cue, cues.head_cue, cues.elbow_cue, cues.arm_rhythm_cue):
            v = builder(value)
            out += [v.target, v.tip]
    for knee in (120.0, 160.0):
        v = cues.leg_drive_cue(knee, 100.0)
        out += [v.target, v.tip]
    v = cues.strike_cue(["heel"] * 4, True)
    out += [v.target, v.tip, cues.direction_cue("forward").target]
    return out


def test_cue_targets_as_built_only_show_numbers_from_cue_rules() -> None:
    allowed = _allowed(("cues.",))
    unexplained = set()
    for text in _cue_texts():
        # measured speeds ("at 1.5 m/s") and expected cadences are values, not rules:
        # the band around them is the cadence-walk rule.
        text = re.sub(r"at \d+(\.\d+)? m/s", "", text)
        text = re.sub(r"^\d+ to \d+ steps/min", "", text)
        unexplained |= {n for n in _numbers(text) if n not in allowed}
    assert not unexplained, f"cue texts show numbers without a rule: {sorted(unexplained)}"


def test_every_cue_target_names_its_source_or_says_rule_of_thumb() -> None:
    for text in (v for v in _cue_texts() if "deg" in v or "steps/min" in v or "%" in v):
        if text.endswith(")"):
            assert any(s.text in text for s in cue_sources.CUE_SOURCES.values()), text
    for source in cue_sources.CUE_SOURCES.values():
        assert source.grade in evidence.GRADES


def test_the_rules_page_holds_the_table_rendered_from_the_register() -> None:
    page = (ROOT / "docs" / "science" / "rules.md").read_text(encoding="utf-8")
    assert evidence.render_markdown() in page, "run scripts/update_science_docs.py"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_science_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_science_index_links_the_rules_page() -> None:
    index = (ROOT / "docs" / "science.md").read_text(encoding="utf-8")
    assert "science/rules.md" in index
