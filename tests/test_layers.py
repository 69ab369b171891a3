"""The layers in docs/architecture.md hold in the code: every import points down.

Why a test and not a picture: a layer rule that is only drawn drifts the first time an
import is convenient. This test reads the two tables of docs/architecture.md (packages,
then the web apps), walks every import in src/backstride with ``ast`` (module level and
inside functions, ``importlib.import_module("...")`` with a literal name too) and fails
on any import the tables do not allow, naming the file, the line and the rule. Because
the rules are parsed from the page, changing a layer means changing the docs.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SRC = REPO_ROOT / "src" / "backstride"
ARCHITECTURE = REPO_ROOT / "docs" / "architecture.md"
NAME = re.compile(r"`([^`]+)`")
EVERYTHING_BELOW = "everything below"


@dataclass(frozen=True)
class Rule:
    """One row of a layer table: which units it covers and what they may import."""

    units: tuple[str, ...]
    allowed: frozenset[str]
    external: frozenset[str]
    row: int


@dataclass(frozen=True)
class Import:
    """One import in the source, with where it was written."""

    module: str  # the importing module, relative to ``backstride`` (``web.plans.views``)
    target: str  # what it imports, absolute (``backstride.web.logbook.services``, ``numpy``)
    path: Path
    line: int

    def where(self) -> str:
        return f"{self.path.relative_to(REPO_ROOT)}:{self.line}"


def table(text: str, header: str) -> list[list[str]]:
    """The body rows of the markdown table whose header row starts with ``header``."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(header)]
    assert len(starts) == 1, f"docs/architecture.md needs exactly one table starting {header!r}"
    rows = []
    for line in lines[starts[0] + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def rules(rows: list[list[str]], allowed_col: int, external_col: int | None) -> list[Rule]:
    """Rules from a table: names in backticks; "everything below" means every earlier row."""
    parsed: list[Rule] = []
    for number, cells in enumerate(rows):
        units = tuple(NAME.findall(cells[0]))
        below = {unit for rule in parsed for unit in rule.units}
        cell = cells[allowed_col]
        allowed = below if cell.startswith(EVERYTHING_BELOW) else set(NAME.findall(cell))
        external = set(NAME.findall(cells[external_col])) if external_col is not None else set()
        parsed.append(Rule(units, frozenset(allowed), frozenset(external), number))
    return parsed


def unit_of(module: str, units: list[str]) -> str | None:
    """The longest table name that ``module`` is or lies inside (``api.api`` before ``api``)."""
    for unit in sorted(units, key=len, reverse=True):
        if module == unit or module.startswith(unit + "."):
            return unit
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, module: str | None = None) -> list[Import]:
    """Every import in a file, wherever it is written, as absolute module names."""
    module = module or module_name(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                targets = [".".join(["backstride", *base, *filter(None, [node.module])])]
            else:
                targets = [node.module or ""]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            targets = [node.args[0].value]
        found += [Import(module, target, path, node.lineno) for target in targets]
    return found


def source_imports() -> list[Import]:
    return [found for path in sorted(SRC.rglob("*.py")) for found in imports_of(path)]


TEXT = ARCHITECTURE.read_text(encoding="utf-8")
PACKAGES = rules(table(TEXT, "| package |"), allowed_col=2, external_col=3)
APPS = rules(table(TEXT, "| app |"), allowed_col=2, external_col=None)
PACKAGE_NAMES = [unit for rule in PACKAGES for unit in rule.units]
APP_NAMES = [unit for rule in APPS for unit in rule.units]


def rule_for(unit: str, table_rules: list[Rule]) -> Rule:
    return next(rule for rule in table_rules if unit in rule.units)


def violations_between(
    table_rules: list[Rule], names: list[str], prefix: str, pick: list[Import]
) -> list[tuple[Import, str]]:
    """Imports from one unit of a table into another that the importer's row does not allow."""
    bad = []
    for found in pick:
        if not found.target.startswith(f"backstride.{prefix}"):
            continue
        source = unit_of(found.module.removeprefix(prefix), names)
        target = unit_of(found.target.removeprefix(f"backstride.{prefix}"), names)
        if source is None or target is None or source == target:
            continue
        rule = rule_for(source, table_rules)
        if target not in rule.allowed and target not in rule.units:
            allowed = ", ".join(sorted(rule.allowed)) or "nothing"
            bad.append((found, f"`{source}` may import only {allowed}, not `{target}`"))
    return bad


def package_violations(pick: list[Import]) -> list[tuple[Import, str]]:
    """Imports into another package, or of a library, that the importer's row does not name."""
    bad = []
    for found in pick:
        source = unit_of(found.module, PACKAGE_NAMES)
        if source is None:
            continue  # backstride/__init__.py: the package's version only
        rule = rule_for(source, PACKAGES)
        top = found.target.split(".")[0]
        if top == "backstride":
            target = unit_of(found.target.removeprefix("backstride."), PACKAGE_NAMES)
            if target not in (source, None) and target not in rule.allowed:
                allowed = ", ".join(sorted(rule.allowed)) or "no other Backstride package"
                bad.append((found, f"`{source}` may import {allowed}, not `{target}`"))
        elif top not in sys.stdlib_module_names and top not in rule.external:
            libraries = ", ".join(sorted(rule.external)) or "only the standard library"
            bad.append((found, f"`{source}` may use {libraries}, not `{top}`"))
    return bad


def report(bad: list[tuple[Import, str]], table_name: str) -> str:
    lines = [f"{found.where()} imports {found.target}: {why}" for found, why in bad]
    return (
        f"Imports that docs/architecture.md's {table_name} table does not allow "
        "(move the code down a layer, or change the table if the layer picture changed):\n  "
        + "\n  ".join(lines)
    )


# --- the tables themselves ------------------------------------------------------------


@pytest.mark.parametrize(("table_rules", "name"), [(PACKAGES, "package"), (APPS, "app")])
def test_each_table_lists_only_names_from_rows_below_it(table_rules: list[Rule], name: str) -> None:
    """Rows run from the bottom layer up, so the table itself cannot describe a loop."""
    problems = []
    for rule in table_rules:
        below = {unit for other in table_rules[: rule.row] for unit in other.units}
        for unit in sorted(rule.allowed - below):
            problems.append(f"{', '.join(rule.units)} may import {unit}, which is not below it")
    assert not problems, f"docs/architecture.md, {name} table:\n  " + "\n  ".join(problems)


def test_every_package_and_web_app_has_a_row() -> None:
    packages = {path.name for path in SRC.iterdir() if (path / "__init__.py").exists()}
    web = SRC / "web"
    apps = {path.name for path in web.iterdir() if (path / "__init__.py").exists()}
    apps |= {path.stem for path in web.glob("*.py") if path.stem != "__init__"}
    missing = sorted(packages - set(PACKAGE_NAMES)) + sorted(
        f"web/{app}" for app in apps - {unit.split(".")[0] for unit in APP_NAMES}
    )
    assert not missing, f"docs/architecture.md has no row for: {', '.join(missing)}"
    ghosts = {unit.split(".")[0] for unit in APP_NAMES} - apps
    assert not ghosts, f"docs/architecture.md's app table names apps that do not exist: {ghosts}"


# --- the code against the tables ------------------------------------------------------


def test_packages_import_only_the_packages_and_libraries_their_row_names() -> None:
    bad = package_violations(source_imports())
    assert not bad, report(bad, "package")


def test_web_apps_import_only_the_apps_their_row_names() -> None:
    bad = violations_between(APPS, APP_NAMES, "web.", source_imports())
    assert not bad, report(bad, "app")


def made_up(*pairs: tuple[str, str]) -> list[Import]:
    """Imports that exist nowhere, one per line of a pretend file, to test the checks."""
    fake = SRC / "training" / "upward_example.py"
    return [Import(module, target, fake, line) for line, (module, target) in enumerate(pairs, 1)]


def test_an_upward_import_is_reported_with_file_line_and_rule() -> None:
    """The checks can fail: made-up upward imports are caught and named with the rule."""
    packages = package_violations(
        made_up(
            ("training.upward_example", "backstride.web.plans"),
            ("training.upward_example", "django.db"),
            ("video.upward_example", "backstride.training.models"),
            ("video.upward_example", "backstride.gait.keypoints"),
        )
    )
    assert [why for _, why in packages] == [
        "`training` may import no other Backstride package, not `web`",
        "`training` may use scipy, not `django`",
        "`video` may import gait, not `training`",
    ]
    upward = made_up(
        ("web.accounts.views", "backstride.web.progress.services"),
        ("web.plans.services", "backstride.web.logbook.services"),
        ("web.plans.views_plan", "backstride.web.logbook.services"),
        ("web.logbook.views", "backstride.web.plans.views_plan"),
    )
    apps = violations_between(APPS, APP_NAMES, "web.", upward)
    assert [why for _, why in apps] == [
        "`accounts` may import only api, not `progress`",
        "`plans` may import only accounts, api, learn, sharing, not `logbook`",
        "`logbook` may import only accounts, api, plans, sharing, not `plans.views_plan`",
    ]
    assert "upward_example.py:1 imports backstride.web.progress.services" in report(apps, "app")


def test_relative_nested_and_importlib_imports_are_seen(tmp_path: Path) -> None:
    """``from . import x``, imports inside functions and ``import_module("...")`` all count."""
    path = tmp_path / "views.py"
    path.write_text(
        "import importlib\n"
        "from . import services\n"
        "from ..logbook.models import LogEntry\n"
        "def later():\n"
        "    from backstride.web.progress import home\n"
        "    return importlib.import_module('backstride.web.coaching')\n",
        encoding="utf-8",
    )
    found = imports_of(path, module="web.plans.views")
    assert [(i.target, i.line) for i in found] == [
        ("importlib", 1),
        ("backstride.web.plans", 2),
        ("backstride.web.logbook.models", 3),
        ("backstride.web.progress", 5),
        ("backstride.web.coaching", 6),
    ]
