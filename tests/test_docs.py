"""The documentation says what the code does: links resolve, help and routes are current.

Why tests and not a review: docs written by several people drift the day an option or a
route is added. Each check below compares a page with the real thing (the Typer app,
Django's URL resolver, the OpenAPI schema, the files on disk) and names what to fix.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DOCS = REPO_ROOT / "docs"
MARKDOWN_FILES = [REPO_ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]

FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)
CODE_SPAN = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]\n]*\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


# --- helpers ---------------------------------------------------------------------------


def prose(text: str) -> str:
    """The text with fenced code blocks and code spans removed: links there are not links."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text only
    text = text.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading anchor of a Markdown file, with GitHub's -1, -2 for repeats."""
    seen: dict[str, int] = {}
    out = set()
    for heading in HEADING.findall(FENCE.sub("", path.read_text(encoding="utf-8"))):
        slug = github_slug(heading)
        count = seen.get(slug, 0)
        out.add(slug if count == 0 else f"{slug}-{count}")
        seen[slug] = count + 1
    return out


def broken_links(path: Path, root: Path = REPO_ROOT) -> list[str]:
    """Relative links in ``path`` whose file (or heading anchor) does not exist.

    A link that leaves ``root`` counts as broken too: it would not resolve on a
    published copy of the repository (e.g. ``../shared/...`` on the development box).
    """
    problems = []
    for target in LINK.findall(prose(path.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            continue  # a web address or a path on the running site, not a file here
        file_part, _, anchor = target.partition("#")
        resolved = (path.parent / file_part).resolve() if file_part else path
        if not resolved.is_relative_to(root):
            problems.append(f"{target} points outside the repository")
        elif not resolved.exists():
            problems.append(f"{target} does not exist")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            problems.append(f"{target}: no heading with anchor #{anchor}")
    return problems


def load_cli_docs_script() -> ModuleType:
    path = REPO_ROOT / "scripts" / "update_cli_docs.py"
    spec = importlib.util.spec_from_file_location("update_cli_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cli_docs() -> ModuleType:
    return load_cli_docs_script()


@pytest.fixture(scope="module")
def helps(cli_docs: ModuleType) -> dict[str, str]:
    return cli_docs.current_helps()


def _django() -> None:
    """Configure Django as tests/web/conftest.py does, so both can share one process."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")
    os.environ.setdefault("BACKSTRIDE_SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghij")
    os.environ.setdefault("BACKSTRIDE_DATA_DIR", str(REPO_ROOT / "var" / "test-data"))
    import django

    django.setup()


def normalise_route(route: str) -> str:
    """``/plans/session/<str:uid>/`` and ``/plans/session/<uid>/`` both become ``.../<>/``."""
    return re.sub(r"<[^<>]*>|\{[^{}]*\}", "<>", route)


# --- links -----------------------------------------------------------------------------


def test_the_link_checker_finds_missing_files_anchors_and_escapes(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Other page\n\n## Second part\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "# Probe\n\n[ok](other.md#second-part) [gone](no-such-page.md)\n"
        "[bad anchor](other.md#third-part) [self](#probe) [self bad](#nope)\n"
        "`[in code](missing.md)` [web](https://example.org/x.md) [site](/learn/)\n"
        "[outside](../elsewhere.md)\n```\n[fenced](missing.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(page, root=tmp_path) == [
        "no-such-page.md does not exist",
        "other.md#third-part: no heading with anchor #third-part",
        "#nope: no heading with anchor #nope",
        "../elsewhere.md points outside the repository",
    ]


def test_github_slugs_drop_punctuation_and_keep_hyphens() -> None:
    assert github_slug("`backstride gait analyze`") == "backstride-gait-analyze"
    assert github_slug("5. Worker processes") == "5-worker-processes"
    assert github_slug("Progress (`/progress/`)") == "progress-progress"


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_every_relative_link_resolves(path: Path) -> None:
    assert broken_links(path) == []


def test_every_docs_page_is_reachable_from_the_index() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    linked = {(DOCS / target.partition("#")[0]).resolve() for target in LINK.findall(index)}
    pages = {p.resolve() for p in DOCS.glob("*.md")} - {(DOCS / "index.md").resolve()}
    assert sorted(p.name for p in pages - linked) == []


def test_every_science_page_is_linked_from_the_science_index() -> None:
    index = (DOCS / "science.md").read_text(encoding="utf-8")
    linked = {(DOCS / target.partition("#")[0]).resolve() for target in LINK.findall(index)}
    pages = {p.resolve() for p in (DOCS / "science").glob("*.md")}
    assert sorted(p.name for p in pages - linked) == []


def test_the_readme_points_at_the_docs_index() -> None:
    assert "docs/index.md" in LINK.findall((REPO_ROOT / "README.md").read_text(encoding="utf-8"))


# --- command line ----------------------------------------------------------------------


def test_cli_page_matches_the_real_help_of_every_command(
    cli_docs: ModuleType, helps: dict[str, str]
) -> None:
    doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert cli_docs.problems(doc, helps) == [], "run .venv/bin/python scripts/update_cli_docs.py"


def test_the_command_list_includes_the_documented_commands(helps: dict[str, str]) -> None:
    # Guards the walk over the Typer app: an empty or partial walk would make the
    # comparison above pass on too little.
    expected = {"screen", "plan", "log", "next", "gait analyze", "analyze", "video keypoints"}
    assert expected | {"serve", "worker"} <= set(helps)


def test_every_command_has_a_real_example_run(helps: dict[str, str]) -> None:
    doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    groups = {p.rpartition(" ")[0] for p in helps if " " in p}
    leaves = [p for p in helps if p != "backstride" and p not in groups]
    missing = [
        p
        for p in leaves
        if not re.search(rf"^\$ (\S+=\S+ )*backstride {re.escape(p)} (?!--help)\S", doc, re.M)
    ]
    assert missing == []


def test_the_cli_check_reports_stale_missing_and_unknown_blocks(cli_docs: ModuleType) -> None:
    helps = {"backstride": "root help", "plan": "plan help", "log": "log help"}
    current = (
        "<!-- help: plan -->\n" + cli_docs.render_block("plan", "plan help") + "<!-- /help -->\n"
    )
    stale = "<!-- help: backstride -->\n```text\nold\n```\n<!-- /help -->\n"
    unknown = "<!-- help: gone -->\n<!-- /help -->\n"
    assert cli_docs.problems(current + stale + unknown, helps) == [
        "no help block for `backstride log`",
        "help block for unknown command `gone`",
        "help block for `backstride` differs from the real --help",
    ]
    regenerated = cli_docs.regenerate(current + stale, helps)
    assert "root help" in regenerated and "old" not in regenerated
    assert cli_docs.problems(regenerated, {k: v for k, v in helps.items() if k != "log"}) == []


# --- web -------------------------------------------------------------------------------


def test_every_api_route_is_documented_and_every_documented_one_exists() -> None:
    _django()
    from backstride.web.api.api import api

    schema = api.get_openapi_schema(path_prefix="/api/")
    real = {
        f"{method.upper()} {normalise_route(path)}"
        for path, operations in schema["paths"].items()
        for method in operations
    }
    doc = (DOCS / "web.md").read_text(encoding="utf-8")
    found = re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/api/[^`?\s]*)", doc)
    documented = {f"{method} {normalise_route(path)}" for method, path in found}
    assert len(real) >= 12
    assert sorted(real - documented) == [], "missing from docs/web.md"
    assert sorted(documented - real) == [], "documented in docs/web.md but not served"


def test_every_page_route_is_in_the_web_route_table() -> None:
    _django()
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    def walk(patterns: list, prefix: str) -> list[str]:
        routes = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                routes += walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                routes.append(prefix + str(pattern.pattern))
        return routes

    api_operations = {"api/openapi.json", "api/docs"}
    real = {
        normalise_route("/" + route)
        for route in walk(get_resolver().url_patterns, "")
        if not route.startswith("api/") or route in api_operations
    }
    doc = (DOCS / "web.md").read_text(encoding="utf-8")
    table = doc.split("## Every page and route", 1)[1].split("\n## ", 1)[0]
    listed = {normalise_route(p) for p in re.findall(r"`(/[^`\s]*)`", table)}
    assert len(real) >= 40
    assert sorted(real - listed) == [], "missing from the table in docs/web.md"
    assert sorted(listed - real) == [], "listed in docs/web.md but not routed"


# --- configuration and benchmarks -----------------------------------------------------


def test_every_environment_variable_named_in_the_code_is_documented() -> None:
    named = set()
    for source in (REPO_ROOT / "src" / "backstride").rglob("*.py"):
        named |= set(
            re.findall(r"\b(BACKSTRIDE_[A-Z0-9_]+|DATABASE_URL(?:_FILE)?)\b", source.read_text())
        )
    docs = (DOCS / "configuration.md").read_text(encoding="utf-8") + (DOCS / "cli.md").read_text(
        encoding="utf-8"
    )
    assert {"BACKSTRIDE_HOME", "DATABASE_URL"} <= named
    assert sorted(name for name in named if f"`{name}`" not in docs) == []


def test_every_benchmark_script_is_described_with_its_rerun_command() -> None:
    doc = (DOCS / "benchmarks.md").read_text(encoding="utf-8")
    # Modules starting with "_" are shared helpers, not scripts to run.
    scripts = sorted(
        p.name for p in (REPO_ROOT / "benchmarks").glob("*.py") if not p.name.startswith("_")
    )
    assert len(scripts) >= 6
    assert [s for s in scripts if f".venv/bin/python benchmarks/{s}" not in doc] == []
