"""``{% sharing_card %}``: the signed-in person's coach links with "Stop sharing" buttons.

Self-contained (it queries the links itself) so any page, e.g. the account page, can
offer revoking with one line: ``{% load coaching %}{% sharing_card %}``.
"""

from __future__ import annotations

from typing import Any

from django import template

from backstride.web.sharing.access import active_links_of_athlete

register = template.Library()


@register.inclusion_tag("coaching/_sharing_card.html", takes_context=True)
def sharing_card(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    links = active_links_of_athlete(user) if user.is_authenticated else []
    return {"links": links, "csrf_token": context.get("csrf_token")}
