"""Creating and revoking personal API tokens from the account page.

The forms sit on the ``accounts`` page; the views live here, next to the token model,
so that ``accounts`` (the lowest app) never imports ``api``. Both redirect back to the
account page, where a new token is shown once.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from backstride.web.api import tokens
from backstride.web.api.models import ApiToken


@require_POST
@login_required
def create_token(request: HttpRequest) -> HttpResponse:
    try:
        _, raw = tokens.issue_token(request.user, request.POST.get("name", ""))
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        # Shown once on the next page, then gone from the session.
        request.session["new_api_token"] = raw
    return redirect("accounts:account")


@require_POST
@login_required
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    token.delete()
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:account")
