"""Following threads and groups by email, and the one-click unsubscribe page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from community import selectors
from community.forms import FollowForm, FollowTargetForm
from community.models.follows import Follow
from community.services import follows as follow_services
from community.views.common import readable_group_or_404, thread_or_404


def _follow_change(request):
    target = FollowTargetForm(request.POST)
    if not target.is_valid():
        # Only a hand-made request gets here: the buttons always post a valid target.
        raise BadRequest("not a discussion or group to follow")
    thread = group = None
    if target.cleaned_data["thread"]:
        thread = thread_or_404(request, target.cleaned_data["thread"])
        back = thread.get_absolute_url()
    else:
        group = readable_group_or_404(request, target.cleaned_data["group"])
        back = group.get_absolute_url()
    if request.POST.get("stop") == "1":
        existing = selectors.follow_for(request.user, thread=thread, group=group)
        if existing:
            follow_services.follow_remove(follow=existing)
        messages.success(request, _("You will no longer get emails about this."))
        return HttpResponseRedirect(back)
    form = FollowForm(request.POST)
    frequency = form.cleaned_data["frequency"] if form.is_valid() else "immediate"
    follow_services.follow_set(user=request.user, thread=thread, group=group, frequency=frequency)
    messages.success(request, _("You will get emails about new posts."))
    return HttpResponseRedirect(back)


@login_required
def follows(request):
    """GET lists what the member follows; POST follows, changes or stops one."""
    if request.method == "POST":
        return _follow_change(request)
    items = Follow.objects.filter(user=request.user).select_related("thread__group", "group")
    return render(request, "community/follows.html", {"follows": items})


@never_cache
@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
def unsubscribe(request, token: str):
    follow_obj = follow_services.follow_from_token(token)
    if request.method == "POST":
        if follow_obj is not None:
            follow_services.follow_remove(follow=follow_obj)
        return render(request, "community/unsubscribed.html", {"done": True})
    if follow_obj is None:
        return render(request, "community/unsubscribed.html", {"done": True}, status=200)
    return render(request, "community/unsubscribe.html", {"follow": follow_obj, "token": token})
