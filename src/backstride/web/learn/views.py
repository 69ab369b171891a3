"""Learn pages: public, so people can read them before signing up and share the links."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from backstride.web.learn.content import topics


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "learn/index.html", {"topics": topics().values()})


@require_GET
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    known = topics()
    if slug not in known:
        raise Http404("No such Learn page.")
    order = list(known)
    position = order.index(slug)
    return render(
        request,
        "learn/topic.html",
        {
            "topic": known[slug],
            "previous": known[order[position - 1]] if position > 0 else None,
            "next": known[order[position + 1]] if position + 1 < len(order) else None,
        },
    )
