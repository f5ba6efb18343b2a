"""Forms for community pages. Rules that need the database live in services; forms check
shapes and lengths and carry the services' messages back to the error summary."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Condition, HealthCenter
from community.models import Frequency, Report, SupportGroup, Topic
from healthsite.forms import IdMultipleChoiceField

BODY_HELP = _(
    "You can use simple formatting: *italic*, **bold**, lists and > quotes. "
    "Do not share your full name, address or phone number."
)


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=BODY_HELP,
        max_length=10_000,
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=BODY_HELP,
        max_length=10_000,
    )
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10_000
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Anything else a moderator should know"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowTargetForm(forms.Form):
    """What a follow or unfollow button posts: a thread id or a group slug."""

    thread = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    group = forms.SlugField(required=False, max_length=255)

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not cleaned.get("thread") and not cleaned.get("group"):
            raise forms.ValidationError(_("Choose a discussion or a group to follow."))
        return cleaned


class FollowForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Email me"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Group name"), max_length=120)
    description = forms.CharField(
        label=_("What the group is for"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"),
        choices=SupportGroup.Visibility.choices,
        widget=forms.RadioSelect,
        initial=SupportGroup.Visibility.PUBLIC,
    )
    conditions = IdMultipleChoiceField(
        label=_("Related conditions"),
        required=False,
        queryset=Condition.objects.none(),
        help_text=_("Hold Ctrl or Command to choose more than one."),
    )

    health_centers = IdMultipleChoiceField(
        label=_("Related health centers"),
        required=False,
        queryset=HealthCenter.objects.all(),
        help_text=_("Hold Ctrl or Command to choose more than one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        conditions_field = self.fields["conditions"]
        assert isinstance(conditions_field, forms.ModelMultipleChoiceField)
        conditions_field.queryset = Condition.objects.filter(
            pk__in=Condition.objects.order_by("name").values("pk")[:500]
        ).order_by("name")


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (kept in the moderation log)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportDecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[("hide", _("Hide the post")), ("dismiss", _("Leave it in place"))],
        widget=forms.RadioSelect,
    )
    outcome = forms.CharField(
        label=_("Message to the person who reported it"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MoveForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Move to group"), queryset=SupportGroup.objects.none())
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)

    def __init__(self, *args, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        groups = SupportGroup.objects.approved()
        if exclude is not None:
            groups = groups.exclude(pk=exclude.pk)
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ModelChoiceField)
        group_field.queryset = groups


class SuspendForm(forms.Form):
    days = forms.IntegerField(label=_("Number of days"), min_value=1, max_value=365, initial=7)
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ExpertProfileForm(forms.Form):
    name = forms.CharField(label=_("Professional name"), max_length=120)
    credentials = forms.CharField(
        label=_("Credentials"), max_length=200, help_text=_("For example: MD, RN, PharmD")
    )
    specialty = forms.CharField(label=_("Specialty"), max_length=120)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    bio = forms.CharField(
        label=_("Short biography"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QuestionForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all())
    title = forms.CharField(label=_("Your question"), max_length=200)
    body = forms.CharField(
        label=_("More detail"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=BODY_HELP,
    )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10_000
    )


class PerspectiveForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("One-sentence summary"), max_length=300)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all(), required=False)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))
