"""What My data exports about form checks: the rows, and each full report.json."""

from __future__ import annotations

import json

from django.contrib.auth.models import AbstractBaseUser

from backstride.web.analysis.files import output_file
from backstride.web.analysis.models import FormCheck
from backstride.web.mydata.registry import Rows, model_rows

# Server paths say nothing useful to the person and reveal the server's layout.
HIDDEN = ("athlete", "upload_path", "report_dir")


def export_form_checks(user: AbstractBaseUser) -> dict[str, Rows]:
    """``form_checks`` (one row per check) and ``form_check_reports`` (report.json each).

    The reports are whole JSON documents, so they ride in the export as one row per
    check: ``{"form_check_id", "report"}``; NAME.json keeps them exact.
    """
    checks = list(FormCheck.objects.filter(athlete=user).order_by("created_at", "pk"))
    reports: Rows = []
    for check in checks:
        path = output_file(check.report_dir, "report.json")
        if path is None:
            continue
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        document.get("video", {}).pop("source", None)
        reports.append({"form_check_id": check.pk, "report": document})
    return {
        "form_checks": model_rows(checks, exclude=HIDDEN),
        "form_check_reports": reports,
    }
