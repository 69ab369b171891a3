"""Template filters for the plan's words: a stored limit shown as the screening table says it."""

from __future__ import annotations

from django import template

from backstride.training.models import Restriction
from backstride.training.screening_rules import LIMIT_TEXT

register = template.Library()

# The screening table's own wording, so the result page, the plan header and the Learn
# pages cannot drift apart.
RESTRICTION_WORDS: dict[str, str] = {r.value: LIMIT_TEXT[r].capitalize() for r in Restriction}


@register.filter
def limit_words(value: str) -> str:
    """``walking-only`` -> the sentence the screening table gives that limit."""
    return RESTRICTION_WORDS.get(str(value), str(value))
