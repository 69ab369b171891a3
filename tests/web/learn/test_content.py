"""The Learn content: the tiny renderer, stable anchors, and our own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backstride.web.learn.content import CONTENT_DIR, inline, parse_topic, topics

# ../shared next to the repository, like every other shared-data test (never copied in).
ARTICLE = Path(__file__).resolve().parents[4] / "shared" / "seed" / "backwards-running-article.txt"


def test_a_file_becomes_sections_with_their_anchors() -> None:
    topic = parse_topic(
        "demo",
        "title: Demo\nsummary: Short.\n\n## First part {#first}\nOne line\nand more.\n\n"
        "- a\n- b\n\n## Second {#second}\nText.\n",
    )
    assert topic.title == "Demo" and topic.summary == "Short."
    assert topic.anchors == ("first", "second")
    assert topic.sections[0].html == "<p>One line and more.</p>\n<ul><li>a</li><li>b</li></ul>"


def test_html_in_content_is_escaped_and_only_safe_links_survive() -> None:
    assert inline("<b>x</b> & **y**") == "&lt;b&gt;x&lt;/b&gt; &amp; <strong>y</strong>"
    assert inline("[ok](/learn/form/#arms)") == '<a href="/learn/form/#arms">ok</a>'
    assert inline("[bad](javascript:alert(1))") == "[bad](javascript:alert(1))"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: T\n## No anchor\nx\n", "needs an anchor"),
        ("## A {#a}\nx\n", "needs a 'title:' line"),
        ("title: T\n## A {#a}\nx\n## B {#a}\ny\n", "repeats an anchor"),
    ],
)
def test_malformed_files_fail_with_a_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_topic("bad", text)


def test_the_five_topics_cover_what_the_issue_asks() -> None:
    found = topics()
    assert list(found) == ["form", "safety", "benefits", "who", "questions"]
    assert {"posture", "look", "arms", "foot-strike", "leg-drive", "stride"} <= set(
        found["form"].anchors
    )
    assert {"clear-path", "surfaces", "footwear", "treadmill", "when-to-stop"} <= set(
        found["safety"].anchors
    )
    assert {"runners", "athletes", "knee-rehab", "older-adults"} <= set(found["who"].anchors)


def test_benefits_quote_the_published_figures_with_their_sources() -> None:
    text = (CONTENT_DIR / "benefits.md").read_text()
    for figure in ("3.4 times body weight", "4.5 times", "Roos 2012", "1.35 times"):
        assert figure in text
    assert "Wright & Weyand 2001" in text


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


@pytest.mark.skipif(not ARTICLE.exists(), reason=f"source article not found at {ARTICLE}")
def test_no_sentence_is_copied_from_the_source_article() -> None:
    """No run of 7 words in a row appears in both (facts yes, sentences no)."""
    words = _words(ARTICLE.read_text(encoding="utf-8"))
    article = {tuple(words[i : i + 7]) for i in range(len(words) - 6)}
    pages = sorted(CONTENT_DIR.glob("*.md"))
    assert len(pages) >= 5, f"no Learn pages found in {CONTENT_DIR}"
    for path in pages:
        ours = _words(path.read_text(encoding="utf-8"))
        shared = [" ".join(ours[i : i + 7]) for i in range(len(ours) - 6)]
        copied = [run for run in shared if tuple(run.split()) in article]
        assert copied == [], f"{path.name} repeats the article: {copied[:3]}"
