"""A 3-metre backward walk test and its timed trials.

Only what was measured is stored: the trial times, whether a near-fall happened, who
was there and which group the result is compared with. The result and what it means
are computed on every read by ``backstride.training.balance_test``, so a corrected
cut-off table changes every page and API answer at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from backstride.training.balance_test import BalanceGroup


class BalancePresent(models.TextChoices):
    """Who was within reach during the test (the test is never done alone)."""

    HELPER = "helper", "A helper (family, friend)"
    PHYSIOTHERAPIST = "physiotherapist", "A physiotherapist"
    COACH = "coach", "A coach"


class BalanceSource(models.TextChoices):
    GUIDED = "guided", "Guided test on the phone"
    STOPWATCH = "stopwatch", "Stopwatch"
    VIDEO = "video", "Video"


class BalanceTest(models.Model):
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="balance_tests"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="balance_tests_recorded",
    )
    taken_on = models.DateField()
    group = models.CharField(max_length=24, choices=[(g.value, g.value) for g in BalanceGroup])
    near_fall = models.BooleanField(default=False)
    present = models.CharField(max_length=24, choices=BalancePresent.choices)
    helper_confirmed = models.BooleanField(default=False)
    source = models.CharField(
        max_length=16, choices=BalanceSource.choices, default=BalanceSource.GUIDED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-taken_on", "-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.athlete} 3MBWT {self.taken_on}"

    def trial_seconds(self) -> list[float]:
        return [t.seconds for t in self.trials.all()]


class BalanceTrial(models.Model):
    test = models.ForeignKey(BalanceTest, on_delete=models.CASCADE, related_name="trials")
    number = models.PositiveSmallIntegerField()
    seconds = models.FloatField()

    class Meta:
        ordering = ("number",)
        constraints = (
            models.UniqueConstraint(fields=("test", "number"), name="one_time_per_trial"),
        )

    def __str__(self) -> str:
        return f"trial {self.number}: {self.seconds:.2f} s"


class VideoStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for its turn"
    RUNNING = "running", "Being analysed"
    DONE = "done", "Ready to mark"
    FAILED = "failed", "Could not be used"


class BalanceVideo(models.Model):
    """A filmed test: the worker turns the upload into keypoints and one still per frame.

    The upload is deleted once read; the keypoints (``keypoints.csv``) and the stills
    stay in ``MEDIA_ROOT/balance-videos/<id>/`` so the person can mark the lines and move
    the start and end as often as they like. ``test`` is set once a time is saved.
    """

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="balance_videos"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=VideoStatus.choices, default=VideoStatus.QUEUED
    )
    error = models.TextField(blank=True)
    original_name = models.CharField(max_length=255)
    upload_path = models.CharField(max_length=255, blank=True)
    fps = models.FloatField(null=True, blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    # Keypoint frame times in seconds; index = the frame number the page shows.
    frame_times = models.JSONField(default=list, blank=True)
    test = models.OneToOneField(
        BalanceTest, on_delete=models.SET_NULL, null=True, blank=True, related_name="video"
    )

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.athlete} balance video {self.pk} ({self.status})"

    @property
    def frames(self) -> int:
        return len(self.frame_times)
