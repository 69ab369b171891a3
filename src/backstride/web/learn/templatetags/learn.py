"""Template helpers so any page can link a cue or warning to its Learn section.

{% load learn %}
<a href="{% learn_url 'safety' 'treadmill' %}">Why?</a>
{% with url=cue|cue_url %}{% if url %}<a href="{{ url }}">How</a>{% endif %}{% endwith %}
"""

from __future__ import annotations

from django import template

from backstride.web.learn import links

register = template.Library()


@register.simple_tag(name="learn_url")
def learn_url_tag(topic: str, anchor: str | None = None) -> str:
    return links.learn_url(topic, anchor)


@register.filter(name="cue_url")
def cue_url_filter(cue: str) -> str:
    return links.cue_url(cue) or ""


@register.filter(name="safety_url")
def safety_url_filter(item: str) -> str:
    return links.safety_url(item)


@register.filter(name="flag_url")
def flag_url_filter(code: str) -> str:
    return links.flag_url(code)
