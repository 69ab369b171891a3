"""An upload waiting for confirmation, and every activity already imported.

``ImportUpload`` keeps the preview the person saw, so confirming stores exactly that
(the file itself is not kept). ``ImportedActivity`` marks a log entry as imported, with
the file it came from, and its unique ``fingerprint`` per athlete is what stops the
same activity from being imported twice, whether it arrives alone or inside a zip.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from backstride.web.logbook.models import LogEntry


class ImportUpload(models.Model):
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_uploads"
    )
    file_name = models.CharField(max_length=255)
    items = models.JSONField(default=list)
    problems = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.athlete} {self.file_name}"


class ImportedActivity(models.Model):
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="imported_activities"
    )
    fingerprint = models.CharField(max_length=64)
    file_name = models.CharField(max_length=255)
    started_at = models.DateTimeField()
    # Deleting the log (a correction, or undoing the import) removes this mark too, so
    # the activity can be imported again.
    log_entry = models.OneToOneField(
        LogEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="imported"
    )
    # The upload it was confirmed from, so "undo this import" finds its logs.
    upload = models.ForeignKey(
        ImportUpload, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("athlete", "fingerprint"), name="one_import_per_activity"
            ),
        )

    def __str__(self) -> str:
        return f"{self.athlete} {self.file_name} {self.started_at:%Y-%m-%d %H:%M}"
