"""Forms for signing up, signing in (throttled) and editing the profile."""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from django.core.exceptions import ValidationError

from backstride.web.accounts import throttle
from backstride.web.accounts.models import Profile, Role

logger = logging.getLogger(__name__)


class PlainLabels:
    """Labels without Django's trailing colon: cleaner, and what screen readers announce."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignupForm(PlainLabels, UserCreationForm):
    """Username, e-mail (needed to reset a forgotten password), password, and role."""

    email = forms.EmailField(
        max_length=254,
        help_text="Only used to send you a link if you forget your password.",
    )
    display_name = forms.CharField(
        max_length=80, required=False, label="Your name", help_text="Optional."
    )
    role = forms.ChoiceField(
        choices=Role.choices,
        initial=Role.ATHLETE,
        widget=forms.RadioSelect,
        label="How will you use Backstride?",
    )
    field_order = ("display_name", "username", "email", "role", "password1", "password2")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise ValidationError("An account with this e-mail address already exists.")
        return email

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        if commit:
            Profile.objects.update_or_create(
                user=user,
                defaults={
                    "display_name": self.cleaned_data.get("display_name", ""),
                    "role": self.cleaned_data["role"],
                },
            )
        return user


class ThrottledAuthenticationForm(PlainLabels, AuthenticationForm):
    """Django's sign-in form, refusing a username after too many wrong passwords.

    The lock is checked before the password is hashed, so a locked account also costs
    the server no Argon2 work.
    """

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if not username:
            return super().clean()
        address = throttle.client_address(self.request)
        locked = throttle.begin_login(username, address)
        if locked:
            raise ValidationError(throttle.lockout_message(locked), code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError as exc:
            if getattr(exc, "code", None) == "invalid_login":
                throttle.login_failed(username, address)
            else:  # inactive account etc.: the password was right, give the place back
                throttle.login_succeeded(username, address)
            raise
        throttle.login_succeeded(username, address)
        return cleaned


class ProfileForm(PlainLabels, forms.ModelForm):
    class Meta:
        model = Profile
        fields = (
            "display_name",
            "role",
            "distance_unit",
            "speed_unit",
            "short_unit",
            "reminder_time",
            "email_reminders",
        )
        labels: ClassVar[dict[str, str]] = {"display_name": "Your name"}
        widgets: ClassVar[dict[str, Any]] = {
            "role": forms.RadioSelect,
            "reminder_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    UNIT_FIELDS = ("distance_unit", "speed_unit", "short_unit")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A form sent without the unit fields (an older page, a script) keeps the choice.
        for name in self.UNIT_FIELDS:
            self.fields[name].required = False

    def _clean_unit(self, name: str) -> str:
        return self.cleaned_data.get(name) or getattr(self.instance, name)

    def clean_distance_unit(self) -> str:
        return self._clean_unit("distance_unit")

    def clean_speed_unit(self) -> str:
        return self._clean_unit("speed_unit")

    def clean_short_unit(self) -> str:
        return self._clean_unit("short_unit")

    def clean_email_reminders(self) -> bool:
        wanted = bool(self.cleaned_data.get("email_reminders"))
        if wanted and not self.instance.user.email:
            raise ValidationError(
                "Your account has no e-mail address, so e-mail reminders cannot reach you."
            )
        return wanted

    def save(self, commit: bool = True) -> Profile:
        """A form that names units is the person's choice: the locale never overrides it."""
        if any(self.data.get(name) for name in self.UNIT_FIELDS):
            self.instance.units_set = True
        return super().save(commit)


class ResetRequestForm(PlainLabels, PasswordResetForm):
    """Django's reset form, sending at most RESET_EMAILS_PER_HOUR mails per address and
    per e-mail. Over the limit it sends nothing and says the same as always, so the page
    never tells whether an address has an account."""

    def save(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        per_address, per_mail = throttle.reset_limits()
        address = throttle.client_address(request)
        email = self.cleaned_data["email"].strip().casefold()
        if throttle.reserve(per_address.key(address), per_address) or throttle.reserve(
            per_mail.key(email), per_mail
        ):
            logger.warning("password reset e-mail to %s not sent: throttled", address)
            return
        super().save(*args, request=request, **kwargs)


class NewPasswordForm(PlainLabels, SetPasswordForm):
    pass
