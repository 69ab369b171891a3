"""Routes of the ``plans`` app: onboarding under /onboarding/, the plan under /plans/.

Mounted at the site root so both prefixes live in one namespace (``plans:``).
"""

from __future__ import annotations

from django.urls import path

from backstride.web.plans import views_changes, views_export, views_onboarding, views_plan

app_name = "plans"

# Session uids are "bs-" plus hex, with "-r<n>" for repeated weeks.
UID = "<str:uid>"

urlpatterns = [
    path("onboarding/", views_onboarding.profile, name="onboarding"),
    path("onboarding/screening/", views_onboarding.screening, name="screening"),
    path("onboarding/outcome/", views_onboarding.outcome, name="outcome"),
    path("onboarding/clearance/", views_onboarding.clearance, name="clearance"),
    path("onboarding/create-plan/", views_onboarding.create, name="create"),
    path("plans/", views_plan.calendar_view, name="calendar"),
    path("plans/list/", views_plan.list_view, name="list"),
    path("plans/repeat-week/", views_plan.repeat_week, name="repeat_week"),
    path("plans/fall-review/", views_plan.fall_review, name="fall_review"),
    path("plans/pain-review/", views_plan.pain_review, name="pain_review"),
    path(f"plans/session/{UID}/", views_plan.session_detail, name="session"),
    path(f"plans/session/{UID}/play", views_plan.session_play, name="play"),
    path(f"plans/session/{UID}/move/", views_changes.move, name="move"),
    path(f"plans/session/{UID}/skip/", views_changes.skip, name="skip"),
    path(f"plans/session/{UID}/edit/", views_changes.edit, name="edit"),
    path(f"plans/session/{UID}.fit", views_export.session_fit, name="fit"),
    path("plans/fit.zip", views_export.plan_fit_zip, name="fit_zip"),
    path("plans/feed/", views_export.feed, name="feed"),
    path("plans/feed/new/", views_export.feed_regenerate, name="feed_regenerate"),
    path("plans/feed/<str:secret>.ics", views_export.feed_ics, name="ics"),
]
