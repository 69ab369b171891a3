"""The My data page: download everything, or delete the account and everything with it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from backstride.web.mydata import erase
from backstride.web.mydata.registry import build_zip, collect, topic_label


@require_GET
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """What is stored (topic by topic, with row counts) and who else can see it."""
    counts = [(topic_label(name), name, len(rows)) for name, rows in collect(request.user).items()]
    return render(request, "mydata/overview.html", {"counts": counts})


@require_GET
@login_required
@never_cache
def export(request: HttpRequest) -> HttpResponse:
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response = HttpResponse(build_zip(request.user), content_type="application/zip")
    name = f"backstride-{request.user.get_username()}-{stamp}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Typing the username is the confirmation: a stray click cannot delete an account."""
    error = ""
    if request.method == "POST":
        typed = request.POST.get("confirm", "").strip()
        if typed != request.user.get_username():
            error = "Type your username exactly to confirm. Nothing was deleted."
        else:
            try:
                erase.delete_account(request.user)
            except ProtectedError:
                error = "Your account could not be deleted right now; nothing was removed."
            else:
                logout(request)
                messages.success(request, "Your account and all its data have been deleted.")
                return redirect("core:landing")
    status = 400 if error else 200
    return render(request, "mydata/delete.html", {"error": error}, status=status)
