"""What My data exports about balance checks: each test and each timed walk."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from backstride.web.balance.models import BalanceTest, BalanceTrial, BalanceVideo
from backstride.web.mydata.registry import Rows, model_rows


def export_balance_tests(user: AbstractBaseUser) -> dict[str, Rows]:
    tests = BalanceTest.objects.filter(athlete=user).order_by("taken_on", "pk")
    trials = BalanceTrial.objects.filter(test__athlete=user).order_by("test__taken_on", "pk")
    return {
        "balance_tests": model_rows(tests, exclude=("athlete",)),
        "balance_trials": model_rows(trials),
        "balance_videos": model_rows(
            BalanceVideo.objects.filter(athlete=user).order_by("created_at", "pk"),
            exclude=("athlete", "upload_path", "frame_times"),
        ),
    }
