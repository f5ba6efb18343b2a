"""Reporting posts and answers, and the moderators' pages: queue, log, report decisions,
hiding posts, locking and moving threads, suspending members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import selectors
from community.forms import ModerationForm, MoveForm, ReportDecisionForm, ReportForm, SuspendForm
from community.models.experts import Answer, ExpertProfile, Question
from community.models.groups import SupportGroup
from community.models.moderation import Report
from community.models.threads import Post, Thread
from community.services import experts as expert_services
from community.services import groups as group_services
from community.services import moderation as moderation_services
from community.services.rules import CommunityError
from community.views.common import add_form_errors, post_or_404, redirect_to_post
from healthsite.ratelimit import client_ip


@login_required
def post_report(request, post_id: int):
    post = post_or_404(request, post_id)
    return _report(request, form_target={"post": post}, back=post.get_absolute_url())


@login_required
def answer_report(request, answer_id: int):
    answer = get_object_or_404(
        Answer.objects.select_related("question__topic"), pk=answer_id, is_hidden=False
    )
    return _report(request, form_target={"answer": answer}, back=answer.question.get_absolute_url())


def _report(request, *, form_target: dict, back: str):
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation_services.report_create(
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                ip=client_ip(request),
                **form_target,
            )
        except CommunityError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. A moderator will look at it and tell you what they decided."),
            )
            return HttpResponseRedirect(back)
    return render(
        request, "community/report_form.html", {"form": form, "back": back, **form_target}
    )


@login_required
def my_reports(request):
    reports = Report.objects.filter(reporter=request.user).select_related(
        "post__thread", "answer__question"
    )
    return render(request, "community/my_reports.html", {"reports": reports})


def _moderator_required(request) -> None:
    if not request.user.is_authenticated:
        raise PermissionDenied
    if not selectors.moderates_anything(request.user):
        raise PermissionDenied


def _not_a_moderator(request):
    """Signed-in members who are not moderators see why, and nothing from the queue."""
    return render(request, "community/not_allowed.html", {"reason": "moderator"})


@login_required
def moderation_queue(request):
    if not selectors.moderates_anything(request.user):
        return _not_a_moderator(request)
    return render(
        request, "community/moderation_queue.html", selectors.moderation_queue(request.user)
    )


@login_required
def moderation_log(request):
    if not selectors.moderates_anything(request.user):
        return _not_a_moderator(request)
    return render(request, "community/moderation_log.html", {"actions": selectors.moderation_log()})


@login_required
def moderation_report(request, report_id: int):
    _moderator_required(request)
    report = get_object_or_404(
        Report.objects.select_related("post__thread__group", "post__author", "answer__question"),
        pk=report_id,
    )
    group = report.post.thread.group if report.post is not None else None
    if group is not None:
        allowed = selectors.is_group_moderator(request.user, group)
    else:
        allowed = selectors.is_site_moderator(request.user)
    if not allowed:
        raise PermissionDenied
    form = ReportDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moderation_services.report_resolve(
            report=report,
            moderator=request.user,
            action=form.cleaned_data["action"],
            outcome=form.cleaned_data["outcome"],
        )
        messages.success(request, _("Decision saved; the person who reported it will be told."))
        return redirect("community:moderation_queue")
    return render(request, "community/moderation_report.html", {"report": report, "form": form})


@login_required
@require_POST
def moderation_post(request, post_id: int, action: str):
    post = get_object_or_404(Post.objects.select_related("thread__group", "author"), pk=post_id)
    if not selectors.is_group_moderator(request.user, post.thread.group):
        raise PermissionDenied
    form = ModerationForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if action == "hide":
        moderation_services.post_hide(post=post, moderator=request.user, reason=reason)
    elif action == "restore":
        moderation_services.post_restore(post=post, moderator=request.user, reason=reason)
    elif action == "approve":
        moderation_services.post_approve(post=post, moderator=request.user)
    else:
        raise Http404
    messages.success(request, _("Done."))
    target = request.POST.get("next", "")
    if target == "queue":
        return redirect("community:moderation_queue")
    return redirect_to_post(post)


@login_required
def moderation_thread(request, thread_id: int):
    thread = get_object_or_404(Thread.objects.select_related("group"), pk=thread_id)
    if not selectors.is_group_moderator(request.user, thread.group):
        raise PermissionDenied
    site = selectors.is_site_moderator(request.user)
    move_form = MoveForm(
        request.POST if request.POST.get("action") == "move" else None, exclude=thread.group
    )
    if request.method == "POST":
        action = request.POST.get("action")
        reason = request.POST.get("reason", "")[:1000]
        if action in {"lock", "unlock"}:
            moderation_services.thread_lock(
                thread=thread, moderator=request.user, locked=action == "lock", reason=reason
            )
            messages.success(request, _("Done."))
            return HttpResponseRedirect(thread.get_absolute_url())
        if action == "move" and site and move_form.is_valid():
            moderation_services.thread_move(
                thread=thread,
                to_group=move_form.cleaned_data["group"],
                moderator=request.user,
                reason=move_form.cleaned_data["reason"],
            )
            thread.refresh_from_db()
            messages.success(request, _("The discussion was moved."))
            return HttpResponseRedirect(thread.get_absolute_url())
        if action == "move" and not site:
            raise PermissionDenied
    return render(
        request,
        "community/moderation_thread.html",
        {"thread": thread, "move_form": move_form, "site_moderator": site},
    )


@login_required
def moderation_suspend(request, user_id: int):
    if not selectors.is_site_moderator(request.user):
        raise PermissionDenied
    member = get_object_or_404(get_user_model(), pk=user_id)
    form = SuspendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation_services.member_suspend(
                member=member,
                moderator=request.user,
                days=form.cleaned_data["days"],
                reason=form.cleaned_data["reason"],
            )
        except CommunityError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The member is suspended."))
            return redirect("community:moderation_log")
    return render(request, "community/moderation_suspend.html", {"member": member, "form": form})


@login_required
@require_POST
def moderation_decide(request, kind: str, pk: int):
    """Staff decisions from the queue: proposed groups, expert profiles, held questions."""
    if not selectors.is_site_moderator(request.user):
        raise PermissionDenied
    approve = request.POST.get("approve") == "1"
    if kind == "group":
        group_services.group_decide(
            group=get_object_or_404(SupportGroup, pk=pk), moderator=request.user, approve=approve
        )
    elif kind == "expert":
        expert_services.expert_verify(
            profile=get_object_or_404(ExpertProfile, pk=pk), moderator=request.user, approve=approve
        )
    elif kind == "question" and approve:
        expert_services.question_approve(
            question=get_object_or_404(Question, pk=pk), moderator=request.user
        )
    else:
        raise Http404
    messages.success(request, _("Done."))
    return redirect("community:moderation_queue")
