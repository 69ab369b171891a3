"""Stable links from anywhere in the app into the Learn pages.

Other apps call :func:`learn_url` (or :func:`cue_url` with a cue sentence from the plan
engine) instead of writing URLs by hand; both refuse topics and anchors that do not
exist, and a test walks every mapping below, so a renamed anchor fails in CI instead
of becoming a dead link. See docs/web.md, section "Learn links".
"""

from __future__ import annotations

from django.urls import reverse

from backstride.training.plans import catalogue, safety
from backstride.web.learn.content import topics

# Cue ids -> (topic, anchor). Ids are the constant names in training/plans/catalogue.py,
# lower-cased, so a template can also use them directly.
CUE_ANCHORS: dict[str, tuple[str, str]] = {
    "posture": ("form", "posture"),
    "look": ("form", "look"),
    "arms": ("form", "arms"),
    "foot": ("form", "foot-strike"),
    "drive": ("form", "leg-drive"),
    "stride": ("form", "stride"),
    "turn": ("form", "leg-drive"),
    "balance": ("who", "older-adults"),
    "heel_to_toe": ("who", "older-adults"),
    "handrails": ("safety", "treadmill"),
    "first_jog": ("safety", "treadmill"),
    "support": ("safety", "falls"),
    "pain": ("safety", "pain"),
    "pain_stop": ("safety", "pain"),
    "sharp_stop": ("safety", "when-to-stop"),
}

# Warnings, flags and screening outcomes -> (topic, anchor).
TOPIC_ANCHORS: dict[str, tuple[str, str]] = {
    "clear-path": ("safety", "clear-path"),
    "surfaces": ("safety", "surfaces"),
    "footwear": ("safety", "footwear"),
    "treadmill": ("safety", "treadmill"),
    "pain": ("safety", "pain"),
    "sharp-pain": ("safety", "when-to-stop"),
    "fall": ("safety", "falls"),
    "near-fall": ("safety", "falls"),
    "consult": ("safety", "clearance"),
    "missed": ("questions", "missed-sessions"),
    "soreness": ("questions", "soreness"),
    "sharing": ("questions", "sharing"),
    "my-data": ("questions", "my-data"),
}


def learn_url(topic: str, anchor: str | None = None) -> str:
    """``/learn/<topic>/`` or ``/learn/<topic>/#<anchor>``; unknown names are a ValueError."""
    known = topics()
    if topic not in known:
        raise ValueError(f"No Learn topic {topic!r}; known topics: {', '.join(known)}.")
    url = reverse("learn:topic", args=[topic])
    if anchor is None:
        return url
    if anchor not in known[topic].anchors:
        raise ValueError(f"Learn topic {topic!r} has no section {anchor!r}.")
    return f"{url}#{anchor}"


def _cue_texts() -> dict[str, str]:
    """Cue sentence -> cue id, read from the engine's catalogue (skips renamed constants)."""
    texts: dict[str, str] = {}
    for cue_id in CUE_ANCHORS:
        text = getattr(catalogue, cue_id.upper(), None)
        if isinstance(text, str):
            texts[text] = cue_id
    return texts


def cue_url(cue: str) -> str | None:
    """The Learn link for a cue, given its id (``"foot"``) or its sentence; else None."""
    cue_id = cue if cue in CUE_ANCHORS else _cue_texts().get(cue)
    if cue_id is None:
        return None
    return learn_url(*CUE_ANCHORS[cue_id])


def safety_url(item: str) -> str:
    """Every checklist item links somewhere: treadmill items to the treadmill section,
    pain checks to pain, everything else to the general safety page."""
    lowered = item.lower()
    if item == getattr(safety, "PAIN_CHECK", None) or "pain" in lowered:
        return learn_url("safety", "pain")
    for words, anchor in (
        (("belt", "safety key", "handrail", "treadmill"), "treadmill"),
        (("shoe",), "footwear"),
        (("grass", "trail", "even ground", "flat"), "surfaces"),
        (("dizz", "unsteady"), "when-to-stop"),
        (("route", "obstacle", "lane", "traffic", "shoulder"), "clear-path"),
        (("rail", "wall", "helper"), "falls"),
    ):
        if any(word in lowered for word in words):
            return learn_url("safety", anchor)
    return learn_url("safety")


def flag_url(code: str) -> str:
    """Where a dashboard flag or screening outcome is explained."""
    if code not in TOPIC_ANCHORS:
        raise ValueError(f"No Learn section for {code!r}.")
    return learn_url(*TOPIC_ANCHORS[code])
