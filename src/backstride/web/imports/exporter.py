"""What My data exports about imports: which activities came from which watch file."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from backstride.web.imports.models import ImportedActivity, ImportUpload
from backstride.web.mydata.registry import Rows, model_rows


def export_imports(user: AbstractBaseUser) -> dict[str, Rows]:
    """``imported_activities`` (one row per imported activity) and pending ``import_uploads``."""
    imported = ImportedActivity.objects.filter(athlete=user).order_by("started_at", "pk")
    uploads = ImportUpload.objects.filter(athlete=user).order_by("created_at", "pk")
    return {
        "imported_activities": model_rows(imported, exclude=("athlete",)),
        "import_uploads": model_rows(uploads, exclude=("athlete",)),
    }
