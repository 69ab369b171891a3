"""Form-check pages: the history with the upload form, one check, and its files.

Every page resolves access through ``sharing.access`` (the athlete, or a coach the
athlete shares with); anyone else gets a 404, the files included: they are never on a
public media URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from backstride.export.text import mib_text
from backstride.web.accounts.models import profile_for
from backstride.web.analysis import files, lease, services
from backstride.web.analysis.files import MAX_UPLOAD_BYTES, VIDEO_EXTENSIONS
from backstride.web.analysis.models import FormCheck, Status
from backstride.web.analysis.serving import REPORT_CSP, file_response, with_app_bar
from backstride.web.sharing.access import athlete_from_query

HISTORY_LIMIT = 100


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The athlete's checks, newest first; the athlete also gets the upload form."""
    athlete = athlete_from_query(request)
    own = athlete.pk == request.user.pk
    lease.recover_lost_checks()
    checks = FormCheck.objects.filter(athlete=athlete)[:HISTORY_LIMIT]
    context = {
        "checks": checks,
        "own": own,
        "athlete": athlete,
        "athlete_name": profile_for(athlete).name,
        "max_size": mib_text(MAX_UPLOAD_BYTES),
        "accept": "video/*," + ",".join(sorted(VIDEO_EXTENSIONS)),
        "pending": any(not c.finished for c in checks),
    }
    return render(request, "analysis/index.html", context)


@require_POST
@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Only the athlete uploads their own video; a refused upload says why on the list."""
    try:
        check = services.create_check(
            request.user,
            request.FILES.get("video"),
            uploaded_by=request.user,
            slowmo=request.POST.get("slowmo"),
        )
    except services.UploadRefused as exc:
        messages.error(request, str(exc))
        return redirect("analysis:index")
    messages.success(request, "Uploaded. The analysis runs now; this page updates by itself.")
    return redirect("analysis:detail", check_id=check.pk)


@require_GET
@login_required
def detail(request: HttpRequest, check_id: int) -> HttpResponse:
    check = services.check_for(request, check_id)
    own = check.athlete_id == request.user.pk
    context = {
        "check": check,
        "own": own,
        "athlete": check.athlete,
        "athlete_name": profile_for(check.athlete).name,
        "cues": services.cue_rows(check),
        "done": check.status == Status.DONE,
        "has_video": files.output_file(check.report_dir, "annotated.mp4") is not None,
        "has_report": files.output_file(check.report_dir, "report.html") is not None,
    }
    return render(request, "analysis/detail.html", context)


def _output(request: HttpRequest, check_id: int, name: str) -> HttpResponse:
    check = services.check_for(request, check_id)
    path = files.output_file(check.report_dir, name)
    if path is None:
        raise Http404("This file is not there (yet).")
    content_type = "text/html; charset=utf-8" if name.endswith(".html") else "video/mp4"
    response = file_response(request, path, content_type)
    if name.endswith(".html"):
        response["Content-Security-Policy"] = REPORT_CSP
    return response


@require_GET
@login_required
def report(request: HttpRequest, check_id: int) -> HttpResponse:
    """The full report.html, behind the same access check as the page, with a bar at the
    top that leads back to the check's page (the file itself, as the CLI writes it, has no
    idea it is inside the app)."""
    check = services.check_for(request, check_id)
    path = files.output_file(check.report_dir, "report.html")
    if path is None:
        raise Http404("This file is not there (yet).")
    back = reverse("analysis:detail", args=[check.pk])
    html = with_app_bar(path.read_text(encoding="utf-8", errors="replace"), back)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = REPORT_CSP
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
@login_required
def video(request: HttpRequest, check_id: int) -> HttpResponse:
    """annotated.mp4, with byte ranges so phone browsers can play and seek it."""
    return _output(request, check_id, "annotated.mp4")
