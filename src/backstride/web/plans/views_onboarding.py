"""Onboarding pages: training profile, readiness screening, its outcome and clearance.

The order matters: the screening uses the profile's age, and the plan can only be
created once the screening allows it (or a professional's clearance is recorded).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from backstride.training.models import Clearance
from backstride.web.plans import services
from backstride.web.plans.forms import (
    ClearanceForm,
    PlanStartForm,
    ScreeningForm,
    TrainingProfileForm,
)
from backstride.web.plans.models import TrainingProfile
from backstride.web.plans.templatetags.plan_words import RESTRICTION_WORDS


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Step 1: who you are and where you train (the engine's ``Profile``)."""
    instance = TrainingProfile.objects.filter(user=request.user).first()
    form = TrainingProfileForm(
        request.POST if request.method == "POST" else None, instance=instance
    )
    if request.method == "POST" and form.is_valid():
        row = form.save(commit=False)
        row.user = request.user
        row.save()
        return redirect("plans:screening")
    return render(request, "plans/onboarding_profile.html", {"form": form, "step": 1})


@require_http_methods(["GET", "POST"])
@login_required
def screening(request: HttpRequest) -> HttpResponse:
    """Step 2: the readiness questions, every one answered yes or no."""
    if not TrainingProfile.objects.filter(user=request.user).exists():
        messages.info(request, "Tell us a little about yourself first.")
        return redirect("plans:onboarding")
    form = ScreeningForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.save_screening(request.user, form.answers())
        return redirect("plans:outcome")
    return render(request, "plans/screening.html", {"form": form, "step": 2})


def _outcome_context(request: HttpRequest, **forms: object) -> dict[str, object]:
    found = services.latest_screening(request.user)
    blocked = found is not None and found.needs_clearance and not found.is_cleared_by_professional
    urgent = found is not None and found.clearance == Clearance.URGENT
    return {
        "screening": found,
        "blocked": blocked,
        "urgent": urgent,
        "restrictions": [RESTRICTION_WORDS.get(r, r) for r in found.restrictions] if found else [],
        "clearance_form": forms.get("clearance_form") or ClearanceForm(),
        "start_form": forms.get("start_form")
        or PlanStartForm(initial={"start": timezone.localdate(), "weeks": 8}),
        "plan": services.active_plan(request.user),
        "step": 3,
        "Clearance": {c.name: c.value for c in Clearance},
    }


@require_http_methods(["GET"])
@login_required
def outcome(request: HttpRequest) -> HttpResponse:
    """Step 3: the verdict with its reasons, then either a clearance form or "create plan"."""
    if services.latest_screening(request.user) is None:
        return redirect("plans:screening")
    return render(request, "plans/outcome.html", _outcome_context(request))


@require_POST
@login_required
def clearance(request: HttpRequest) -> HttpResponse:
    """The person records their professional's go-ahead themselves."""
    form = ClearanceForm(request.POST)
    if form.is_valid():
        try:
            services.record_clearance(
                request.user,
                request.user,
                form.cleaned_data["professional_name"],
                form.cleaned_data["cleared_on"],
                profession=form.cleaned_data["profession"],
                limits=form.cleaned_data["limits"],
                confirmed=form.cleaned_data["confirm"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Clearance recorded. You can create your plan now.")
            return redirect("plans:outcome")
    context = _outcome_context(request, clearance_form=form)
    return render(request, "plans/outcome.html", context, status=400)


@require_POST
@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = PlanStartForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.create_plan(
                    request.user,
                    request.user,
                    form.cleaned_data["start"],
                    form.cleaned_data["weeks"],
                )
        except ValueError as exc:  # PlanRefused is a ValueError too
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Your plan is ready.")
            return redirect("plans:calendar")
    context = _outcome_context(request, start_form=form)
    return render(request, "plans/outcome.html", context, status=400)
