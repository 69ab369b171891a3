"""Onboarding, screening, clearance and plan-start forms.

Every screening question is a required yes/no choice rather than a checkbox: an
unticked box would silently count as "no", and a missed health question must be
asked again, not assumed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from backstride.training.models import Goal, Restriction
from backstride.training.plans.catalogue import GOAL_WORDS
from backstride.training.screening import QUESTIONS
from backstride.training.screening_rules import LIMIT_TEXT
from backstride.web.accounts.forms import PlainLabels
from backstride.web.plans.models import Profession, TrainingProfile

YES_NO = (("no", "No"), ("yes", "Yes"))
MAX_PAST_START_DAYS = 28
MAX_FUTURE_START_DAYS = 180


POPULATION_LABELS: dict[str, str] = {
    "general": "General fitness",
    "runner": "Runner",
    "athlete": "Field or court sport (football, tennis ...)",
    "knee-rehab": "Knee rehabilitation",
    "older-adult": "Older adult",
}
ENVIRONMENT_LABELS: dict[str, str] = {
    "track": "Track",
    "treadmill": "Treadmill",
    "flat-ground": "Flat ground (park, path)",
}


class TrainingProfileForm(PlainLabels, forms.ModelForm):
    goals = forms.MultipleChoiceField(
        choices=[(g.value, GOAL_WORDS[g].capitalize()) for g in Goal],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="What do you want from it?",
        help_text="Optional. Leave empty and we pick goals that suit you.",
    )

    class Meta:
        model = TrainingProfile
        fields = (
            "age",
            "population",
            "running_experience_years",
            "sessions_per_week",
            "environment",
            "goals",
            "body_mass_kg",
        )
        labels: ClassVar[dict[str, str]] = {
            "age": "Age",
            "population": "Which describes you best?",
            "running_experience_years": "Years of regular forward running",
            "sessions_per_week": "Sessions per week",
            "environment": "Where will you train?",
            "body_mass_kg": "Body mass in kg",
        }
        help_texts: ClassVar[dict[str, str]] = {
            "running_experience_years": "0 if you do not run. Decides how fast jogging may get.",
            "sessions_per_week": "Always with a rest day in between.",
            "body_mass_kg": "Optional. Only used to estimate energy.",
        }
        widgets: ClassVar[dict[str, Any]] = {
            "population": forms.RadioSelect,
            "sessions_per_week": forms.RadioSelect,
            "environment": forms.RadioSelect,
            "age": forms.NumberInput(attrs={"inputmode": "numeric", "min": 10, "max": 100}),
            "running_experience_years": forms.NumberInput(
                attrs={"inputmode": "decimal", "min": 0, "max": 80, "step": "0.5"}
            ),
            "body_mass_kg": forms.NumberInput(
                attrs={"inputmode": "decimal", "min": 25, "max": 300, "step": "0.1"}
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Radio lists need no "---------" entry: a required choice starts unselected.
        self.fields["population"].choices = list(POPULATION_LABELS.items())
        self.fields["environment"].choices = list(ENVIRONMENT_LABELS.items())


class ScreeningForm(PlainLabels, forms.Form):
    """One required yes/no per question of ``screening.QUESTIONS``, in their order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.id] = forms.ChoiceField(
                choices=YES_NO,
                widget=forms.RadioSelect(attrs={"class": "yes-no"}),
                label=question.text,
                error_messages={"required": "Please answer yes or no."},
            )

    def answers(self) -> dict[str, bool]:
        return {q.id: self.cleaned_data[q.id] == "yes" for q in QUESTIONS}


class ClearanceForm(PlainLabels, forms.Form):
    """Who cleared the person, in which profession, when, with which limits, confirmed."""

    professional_name = forms.CharField(
        max_length=120, label="Name of the professional who cleared you"
    )
    profession = forms.ChoiceField(
        choices=[("", "Choose…"), *Profession.choices],
        label="Their profession",
        error_messages={"required": "Choose the professional's profession from the list."},
    )
    cleared_on = forms.DateField(
        label="Date they cleared you",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    limits = forms.MultipleChoiceField(
        choices=[(r.value, LIMIT_TEXT[r].capitalize()) for r in Restriction],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Limits they set (kept on your plan)",
        help_text="Tick every limit they asked for; the plan keeps the screening's own too.",
    )
    confirm = forms.BooleanField(
        label="I confirm this professional saw my readiness answers and said I may start.",
        error_messages={"required": "Tick the box to confirm the clearance."},
    )

    def clean_cleared_on(self) -> dt.date:
        value = self.cleaned_data["cleared_on"]
        if value > timezone.localdate():
            raise ValidationError("The date cannot be in the future.")
        return value


class PlanStartForm(PlainLabels, forms.Form):
    start = forms.DateField(
        label="First session on", widget=forms.DateInput(attrs={"type": "date"})
    )
    weeks = forms.IntegerField(
        min_value=4, max_value=16, initial=8, label="Length in weeks", help_text="4 to 16."
    )

    def clean_start(self) -> dt.date:
        value = self.cleaned_data["start"]
        today = timezone.localdate()
        if value < today - dt.timedelta(days=MAX_PAST_START_DAYS):
            raise ValidationError("Start no more than four weeks in the past.")
        if value > today + dt.timedelta(days=MAX_FUTURE_START_DAYS):
            raise ValidationError("Start within the next six months.")
        return value


class RepeatWeekForm(forms.Form):
    week = forms.IntegerField(min_value=1, max_value=100)
