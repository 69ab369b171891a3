"""The balance pages: past tests with what they mean, and the guided test for the phone.

The guided page measures and speaks; the result and its meaning come back from
``POST /api/balance-tests`` (``services.as_dict``), the same words as every other place.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from backstride.training.balance_test import PROTOCOL, BalanceGroup, interpret, next_test_due
from backstride.web.balance import files, services, video
from backstride.web.balance.access import athlete_for, may_see, parse_athlete_id
from backstride.web.balance.models import BalancePresent, BalanceVideo, VideoStatus

# What the "Compare my time with" list shows. The option values stay BalanceGroup's values:
# the form posts them and the API takes the same ones.
GROUP_LABELS = {
    BalanceGroup.OLDER_ADULT: "Older adults",
    BalanceGroup.PARKINSON: "People with Parkinson's disease",
    BalanceGroup.MULTIPLE_SCLEROSIS: "People with multiple sclerosis",
    BalanceGroup.OTHER: "Other (no published cut-off)",
}


def group_choices() -> list[tuple[str, str]]:
    """(value, visible label) for every group, in BalanceGroup's order."""
    return [(g.value, GROUP_LABELS[g]) for g in BalanceGroup]


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    athlete = athlete_for(request, parse_athlete_id(request.GET.get("athlete")))
    history = services.tests_of(athlete)
    return render(
        request,
        "balance/index.html",
        {
            "athlete": athlete,
            "own": athlete.pk == request.user.pk,
            "tests": [services.as_dict(t, history) for t in history],
            "protocol": PROTOCOL,
            "next_due": next_test_due(
                history[0].taken_on if history else None, timezone.localdate()
            ),
        },
    )


@require_GET
@login_required
def guided(request: HttpRequest) -> HttpResponse:
    """Set-up, helper confirmation, then the practice walk and the timed walks."""
    return render(
        request,
        "balance/guided.html",
        {
            "protocol": PROTOCOL,
            "present_choices": BalancePresent.choices,
            "groups": group_choices(),
            "default_group": services.default_group(request.user).value,
        },
    )


def _video_for(request: HttpRequest, video_id: int) -> BalanceVideo:
    """The video if the request may see it (owner or a linked coach), else 404."""
    video = BalanceVideo.objects.select_related("athlete").filter(pk=video_id).first()
    if video is None or not may_see(request.user, video.athlete):
        raise Http404("No such video.")
    return video


@login_required
def video_upload(request: HttpRequest) -> HttpResponse:
    """Upload a side-on video of the test; the worker reads it in the background."""
    problem = ""
    if request.method == "POST":
        try:
            made = video.create_video(request.user, request.FILES.get("video"), request.user)
        except video.VideoRefused as exc:
            problem = str(exc)
        else:
            return redirect("balance:video", video_id=made.pk)
    recent = BalanceVideo.objects.filter(athlete=request.user)[:5]
    return render(
        request,
        "balance/video_upload.html",
        {"problem": problem, "recent": recent, "protocol": PROTOCOL},
        status=400 if problem else 200,
    )


@login_required
def video_page(request: HttpRequest, video_id: int) -> HttpResponse:
    """Mark the lines, check the detected frames, move them, save the time."""
    clip = _video_for(request, video_id)
    own = clip.athlete_id == request.user.pk
    context: dict = {
        "video": clip,
        "own": own,
        "protocol": PROTOCOL,
        "present_choices": BalancePresent.choices,
        "groups": group_choices(),
        "default_group": services.default_group(clip.athlete).value,
        "frame_times": clip.frame_times,
        "form": request.POST if request.method == "POST" else {},
    }
    status = 200
    if request.method == "POST" and clip.status == VideoStatus.DONE and clip.test_id is None:
        action = request.POST.get("action", "detect")
        try:
            marking = video.marking_from(request.POST)
            if action == "save":
                video.save_video_test(
                    clip,
                    marking,
                    request.user,
                    present=request.POST.get("present", ""),
                    helper_confirmed=request.POST.get("helper_confirmed") == "on",
                    group=request.POST.get("group") or None,
                    taken_on=timezone.localdate(),
                )
                messages.success(request, "The balance check from your video is saved.")
                url = reverse("balance:index")
                return redirect(url if own else f"{url}?athlete={clip.athlete_id}")
            timer = video.time_video(clip, marking)
        except (video.VideoRefused, ValueError) as exc:
            context["problem"] = str(exc)
            status = 400
        else:
            context["timer"] = timer
            context["marking"] = marking
            context["interpretation"] = _meaning(timer.duration_s_, request.POST.get("group"), clip)
    return render(request, "balance/video.html", context, status=status)


def _meaning(duration_s: float, group: str | None, clip: BalanceVideo):
    """What the detected time would mean, or the sentence why it cannot be a trial."""
    try:
        chosen = BalanceGroup(group) if group else services.default_group(clip.athlete)
        return interpret(duration_s, chosen)
    except ValueError as exc:
        return str(exc)


@require_GET
@login_required
def video_frame(request: HttpRequest, video_id: int, index: int) -> FileResponse:
    """One still of the video (owner or linked coach only)."""
    clip = _video_for(request, video_id)
    path = files.frame_path(clip.pk, index)
    if clip.status != VideoStatus.DONE or not path.is_file():
        raise Http404("No such frame.")
    response = FileResponse(path.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response
