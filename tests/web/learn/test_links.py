"""Links into Learn: every mapping resolves to a real section, unknown names fail loudly."""

from __future__ import annotations

import pytest
from django.test import Client

from backstride.training.models import Environment, Restriction
from backstride.training.plans import catalogue
from backstride.training.plans.safety import safety_checklist
from backstride.web.learn.content import topics
from backstride.web.learn.links import (
    CUE_ANCHORS,
    TOPIC_ANCHORS,
    cue_url,
    flag_url,
    learn_url,
    safety_url,
)


def test_learn_url_builds_stable_addresses() -> None:
    assert learn_url("form") == "/learn/form/"
    assert learn_url("form", "foot-strike") == "/learn/form/#foot-strike"


@pytest.mark.parametrize(("topic", "anchor"), [("nope", None), ("form", "nope")])
def test_unknown_topics_and_anchors_are_a_value_error(topic: str, anchor: str | None) -> None:
    with pytest.raises(ValueError, match="Learn topic"):
        learn_url(topic, anchor)


@pytest.mark.parametrize(
    ("topic", "anchor"), sorted({*CUE_ANCHORS.values(), *TOPIC_ANCHORS.values()})
)
def test_every_mapped_anchor_exists(topic: str, anchor: str) -> None:
    assert anchor in topics()[topic].anchors


def test_each_cue_id_names_a_cue_of_the_plan_engine() -> None:
    missing = [cue_id for cue_id in CUE_ANCHORS if not hasattr(catalogue, cue_id.upper())]
    assert missing == []


def test_a_cue_sentence_from_the_engine_finds_its_section() -> None:
    assert cue_url(catalogue.FOOT) == "/learn/form/#foot-strike"
    assert cue_url("look") == "/learn/form/#look"
    assert cue_url("A sentence nobody wrote.") is None


def test_every_cue_in_the_engines_walk_and_run_lists_has_a_link() -> None:
    for cue in (*catalogue.WALK_CUES, *catalogue.RUN_CUES):
        assert cue_url(cue) is not None, cue


@pytest.mark.parametrize("environment", list(Environment))
def test_every_safety_checklist_item_links_to_a_specific_section(environment: Environment) -> None:
    items = safety_checklist(
        environment, (Restriction.TREADMILL_HANDRAILS,), support_nearby=True, pain_check=True
    )
    for item in items:
        assert "#" in safety_url(item), item


def test_treadmill_items_link_to_the_treadmill_section() -> None:
    assert safety_url("Clip the safety key to your clothing.") == "/learn/safety/#treadmill"


def test_flag_urls_and_unknown_flags() -> None:
    assert flag_url("fall") == "/learn/safety/#falls"
    with pytest.raises(ValueError):
        flag_url("nonsense")


def test_the_template_tags_render_links(db: None) -> None:
    from django.template import Context, Template

    rendered = Template(
        "{% load learn %}{% learn_url 'safety' 'pain' %}|{{ cue|cue_url }}|{{ 'missed'|flag_url }}"
    ).render(Context({"cue": catalogue.ARMS}))
    assert rendered == "/learn/safety/#pain|/learn/form/#arms|/learn/questions/#missed-sessions"


def test_learn_pages_are_public_and_carry_their_anchors(db: None) -> None:
    client = Client()
    index = client.get("/learn/").content.decode()
    for slug in topics():
        assert f'href="/learn/{slug}/"' in index
    page = client.get("/learn/form/").content.decode()
    assert 'id="foot-strike"' in page and 'href="#foot-strike"' in page
    assert 'href="/learn/safety/"' in page  # next topic


def test_an_unknown_learn_page_is_a_404(db: None) -> None:
    assert Client().get("/learn/no-such-topic/").status_code == 404
