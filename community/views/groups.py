"""Community front page and support group pages: propose, join, leave, join requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import selectors
from community.forms import FollowForm, GroupForm
from community.models.groups import Membership, SupportGroup
from community.services import groups as group_services
from community.services.rules import CommunityError
from community.views.common import add_form_errors, group_or_404
from healthsite.paginate import paginate


def index(request):
    return render(
        request,
        "community/index.html",
        {
            "groups": selectors.groups_for_index(request.user),
            "latest_threads": selectors.latest_public_threads(limit=10),
            "answered": selectors.answered_questions(limit=6),
            "perspectives": selectors.published_perspectives(limit=4),
            "moderates": selectors.moderates_anything(request.user),
        },
    )


@login_required
def group_propose(request):
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = group_services.group_create(
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                visibility=form.cleaned_data["visibility"],
                conditions=form.cleaned_data["conditions"],
                health_centers=form.cleaned_data["health_centers"],
                created_by=request.user,
            )
        except CommunityError as error:
            add_form_errors(form, error)
        else:
            if group.status == SupportGroup.Status.APPROVED:
                messages.success(request, _("The group is open."))
            else:
                messages.success(
                    request, _("Thank you. Staff will look at your proposal and let you know.")
                )
            return redirect(group)
    return render(request, "community/group_form.html", {"form": form})


def group_detail(request, group: str):
    group_obj = group_or_404(request, group)
    membership = selectors.membership_for(request.user, group_obj)
    readable = selectors.can_read_group(request.user, group_obj)
    moderator = selectors.is_group_moderator(request.user, group_obj)
    context = {
        "group": group_obj,
        "membership": membership,
        "is_member": selectors.is_member(request.user, group_obj),
        "readable": readable,
        "moderator": moderator,
        "follow": selectors.follow_for(request.user, group=group_obj) if readable else None,
        "follow_form": FollowForm(),
        "conditions": group_obj.conditions.all(),
        "health_centers": group_obj.health_centers.all(),
    }
    if readable:
        threads = selectors.group_threads(
            group=group_obj, user=request.user, include_hidden=moderator
        )
        # Readers see the shown threads, counted once per content change for every group;
        # moderators also see hidden ones, counted as they ask.
        count = None if moderator else selectors.group_thread_counts().get(group_obj.pk, 0)
        page_obj, page_range, query = paginate(
            request, threads, selectors.THREADS_PER_PAGE, count=count
        )
        for thread in page_obj.object_list:
            thread.unread = selectors.thread_is_unread(thread)
        context.update(
            page_obj=page_obj,
            page_range=page_range,
            query=query,
            pending_requests=(
                Membership.objects.filter(
                    group=group_obj, status=Membership.Status.PENDING
                ).select_related("user")
                if moderator
                else []
            ),
        )
    return render(request, "community/group_detail.html", context)


@login_required
@require_POST
def group_join(request, group: str):
    group_obj = group_or_404(request, group)
    try:
        membership = group_services.group_join(group=group_obj, user=request.user)
    except CommunityError as error:
        messages.error(request, error.messages[0])
    else:
        if membership.status == Membership.Status.ACTIVE:
            messages.success(request, _("You joined %(group)s.") % {"group": group_obj.name})
        else:
            messages.success(request, _("Your request to join was sent to the group's moderators."))
    return redirect(group_obj)


@login_required
@require_POST
def group_leave(request, group: str):
    group_obj = group_or_404(request, group)
    group_services.group_leave(group=group_obj, user=request.user)
    messages.success(request, _("You left %(group)s.") % {"group": group_obj.name})
    return redirect(group_obj)


@login_required
@require_POST
def membership_decide(request, group: str, membership_id: int):
    group_obj = group_or_404(request, group)
    membership = get_object_or_404(Membership, pk=membership_id, group=group_obj)
    if not selectors.is_group_moderator(request.user, group_obj):
        raise PermissionDenied
    group_services.membership_decide(
        membership=membership, moderator=request.user, approve=request.POST.get("approve") == "1"
    )
    messages.success(request, _("Done."))
    return redirect(group_obj)
