"""The "how did it go?" form, built for a thumb: big choices, few keystrokes.

Completion and effort are tap targets, pain is one 0-10 stepper per body site
(default 0), and minutes come prefilled from the plan, so a normal session is logged
with two taps and "Save".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from backstride.training.dates import DateOutOfRange, check_date, date_window
from backstride.training.models import PainSite
from backstride.web.accounts.forms import PlainLabels
from backstride.web.logbook.models import MAX_MINUTES, MAX_NOTES

COMPLETED_CHOICES = (
    ("0", "0 %"),
    ("25", "25 %"),
    ("50", "50 %"),
    ("75", "75 %"),
    ("100", "All"),
    ("custom", "Other"),
)
RPE_CHOICES = tuple((str(n), str(n)) for n in range(11))
PAIN_LABELS: dict[PainSite, str] = {
    PainSite.KNEE: "Knee",
    PainSite.SHIN: "Shin",
    PainSite.QUADRICEPS: "Front of thigh",
    PainSite.CALF: "Calf",
    PainSite.HIP: "Hip",
    PainSite.BACK: "Back",
}


def pain_field_name(site: PainSite) -> str:
    return f"pain_{site.value}"


class LogForm(PlainLabels, forms.Form):
    completed = forms.ChoiceField(
        choices=COMPLETED_CHOICES,
        initial="100",
        widget=forms.RadioSelect(attrs={"class": "segmented"}),
        label="How much did you do?",
    )
    completed_custom = forms.IntegerField(
        min_value=0, max_value=100, required=False, label="Other amount in %"
    )
    rpe = forms.ChoiceField(
        choices=RPE_CHOICES,
        widget=forms.RadioSelect(attrs={"class": "segmented rpe"}),
        label="How hard was it? (0 rest - 10 maximal)",
        error_messages={"required": "Tap how hard it felt, from 0 to 10."},
    )
    minutes = forms.FloatField(
        min_value=0,
        max_value=MAX_MINUTES,
        label="Minutes",
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "1"}),
    )
    pain_skipped = forms.BooleanField(
        required=False,
        label="Skip the pain question for now",
        help_text="Saved as not answered, never as no pain; add it later.",
    )
    pre_session_pain = forms.IntegerField(
        min_value=0,
        max_value=10,
        required=False,
        label="Pain before the session (0-10)",
        help_text="Optional. The next morning is compared with it.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 10}),
    )
    swelling = forms.ChoiceField(
        choices=(("", "Not answered"), ("no", "No"), ("yes", "Yes")),
        required=False,
        label="Any swelling after the session?",
    )
    sharp_pain = forms.BooleanField(required=False, label="Sharp pain")
    near_fall = forms.BooleanField(required=False, label="Nearly fell")
    fall = forms.BooleanField(required=False, label="Fell")
    notes = forms.CharField(
        required=False,
        max_length=MAX_NOTES,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Notes",
    )
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, birth_year: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.birth_year = birth_year  # for the date rule (training.dates), when known
        today = timezone.localdate()
        earliest, _ = date_window(today, birth_year)
        # The browser's date picker offers only the days the rule accepts.
        self.fields["date"].widget.attrs.update(min=earliest.isoformat(), max=today.isoformat())
        for site in PainSite:
            self.fields[pain_field_name(site)] = forms.IntegerField(
                min_value=0,
                max_value=10,
                required=False,
                initial=0,
                label=PAIN_LABELS[site],
                widget=forms.NumberInput(
                    attrs={"inputmode": "numeric", "min": 0, "max": 10, "class": "stepper"}
                ),
            )

    def pain_fields(self) -> list[forms.BoundField]:
        return [self[pain_field_name(site)] for site in PainSite]

    def clean_date(self) -> dt.date:
        value = self.cleaned_data["date"]
        if value > timezone.localdate():  # a log records what happened: stricter than the rule
            raise ValidationError("You cannot log a day that has not come yet.")
        try:
            check_date(value, timezone.localdate(), birth_year=self.birth_year)
        except DateOutOfRange as exc:
            raise ValidationError(str(exc)) from None
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("completed") == "custom" and cleaned.get("completed_custom") is None:
            self.add_error("completed_custom", "Enter how much you did, from 0 to 100 %.")
        return cleaned

    def to_data(self, session_uid: str) -> dict[str, Any]:
        """The shape ``services.save_log`` takes (same as the JSON API's)."""
        data = self.cleaned_data
        percent = (
            data["completed_custom"] if data["completed"] == "custom" else int(data["completed"])
        )
        pain = (
            None
            if data.get("pain_skipped")
            else {site.value: data.get(pain_field_name(site)) or 0 for site in PainSite}
        )
        swelling = {"": None, "no": False, "yes": True}[data.get("swelling") or ""]
        return {
            "session_uid": session_uid,
            "date": data["date"],
            "completed_fraction": percent / 100,
            "rpe": int(data["rpe"]),
            "minutes": data["minutes"],
            "pain": pain,
            "pre_session_pain": data.get("pre_session_pain"),
            "swelling": swelling,
            "sharp_pain": data["sharp_pain"],
            "near_fall": data["near_fall"],
            "fall": data["fall"],
            "notes": data["notes"],
        }


def initial_from(entry: Any) -> dict[str, Any]:
    """The form's starting values for correcting a saved ``LogEntry``."""
    percent = round(entry.completed_fraction * 100)
    initial: dict[str, Any] = {
        "completed": str(percent) if str(percent) in dict(COMPLETED_CHOICES) else "custom",
        "completed_custom": percent,
        "rpe": "" if entry.rpe is None else str(round(entry.rpe)),
        "minutes": entry.minutes,
        "date": entry.date,
        "pain_skipped": entry.pain is None,
        "pre_session_pain": entry.pre_session_pain,
        "swelling": {None: "", False: "no", True: "yes"}[entry.swelling],
        "sharp_pain": entry.sharp_pain,
        "near_fall": entry.near_fall,
        "fall": entry.fall,
        "notes": entry.notes,
    }
    for site in PainSite:
        initial[pain_field_name(site)] = (entry.pain or {}).get(site.value, 0)
    return initial


class SorenessForm(forms.Form):
    soreness = forms.IntegerField(min_value=0, max_value=10)
