"""Sign-up, sign-in, the account page and its API-token management.

Sign-in, sign-out and password reset are Django's own views with our templates and
the throttled form; only sign-up and the account page are written here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from backstride.web.accounts import throttle
from backstride.web.accounts.forms import ProfileForm, SignupForm
from backstride.web.accounts.models import profile_for
from backstride.web.accounts.units import default_from_locale
from backstride.web.api import tokens
from backstride.web.api.models import ApiToken


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account and sign straight in: a new person should land on their home."""
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        limit = throttle.signup_limit()
        wait = throttle.reserve(limit.key(throttle.client_address(request)), limit)
        if wait:
            form.add_error(None, throttle.wait_message("new accounts", wait))
            return render(request, "accounts/signup.html", {"form": form}, status=429)
        user = form.save()
        default_from_locale(profile_for(user), request)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to Backstride. Your account is ready.")
        return redirect("core:dashboard")
    return render(request, "accounts/signup.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def account(request: HttpRequest) -> HttpResponse:
    """Name, role, and personal API tokens: everything about the account in one place."""
    profile = profile_for(request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profile saved.")
        return redirect("accounts:account")
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "tokens": ApiToken.objects.filter(user=request.user),
            "new_token": request.session.pop("new_api_token", None),
        },
    )


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
