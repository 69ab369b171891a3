"""One uploaded video and what its analysis found.

The row is the history: the summary fields are copied from report.json when the
analysis ends, so lists and the progress page never read files. The files themselves
(the upload, report.html, report.json, annotated.mp4, keypoints.csv) live in the media
folder ``form-checks/<id>/`` and are served only through views that check access.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting for its turn"
    RUNNING = "running", "Being analysed"
    DONE = "done", "Done"
    FAILED = "failed", "Could not be analysed"


class FormCheck(models.Model):
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="form_checks"
    )
    # Who uploaded it (today always the athlete); kept apart so a coach upload can come later.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    original_name = models.CharField(max_length=255)
    size_bytes = models.BigIntegerField(default=0)
    # Slow-motion factor the athlete gave (capture over playback rate); None = read the
    # video's own tags, or real time.
    slowmo_factor = models.FloatField(null=True, blank=True)
    # Relative to MEDIA_ROOT, so moving the media folder needs no database change.
    upload_path = models.CharField(max_length=255, blank=True)
    report_dir = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Summary copied from report.json.
    direction = models.CharField(max_length=20, blank=True)
    gait = models.CharField(max_length=20, blank=True)
    cadence_spm = models.FloatField(null=True, blank=True)
    ok_count = models.PositiveSmallIntegerField(default=0)
    watch_count = models.PositiveSmallIntegerField(default=0)
    fix_count = models.PositiveSmallIntegerField(default=0)
    unknown_count = models.PositiveSmallIntegerField(default=0)
    cues = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    duration_s = models.FloatField(null=True, blank=True)
    fps = models.FloatField(null=True, blank=True)
    processing_s = models.FloatField(null=True, blank=True)
    # The job's lease (backstride.web.analysis.lease): who runs it, until when, which try.
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_token = models.CharField(max_length=32, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("athlete", "-created_at")),)

    def __str__(self) -> str:
        return f"form check {self.pk} of {self.athlete_id} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (Status.DONE, Status.FAILED)

    @property
    def verdict_counts(self) -> dict[str, int]:
        return {
            "ok": self.ok_count,
            "watch": self.watch_count,
            "fix": self.fix_count,
            "unknown": self.unknown_count,
        }
