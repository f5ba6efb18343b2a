"""Discussion pages: start a thread, read it, reply, and a member's own posts (link,
edit, history, delete)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from community import selectors
from community.forms import EditForm, FollowForm, ReplyForm, ThreadForm
from community.models.threads import Post
from community.safety import mentions_crisis
from community.services import threads as thread_services
from community.services.rules import CommunityError
from community.views.common import (
    add_form_errors,
    crisis_preview_needed,
    post_or_404,
    readable_group_or_404,
    redirect_to_post,
    thread_or_404,
)
from healthsite.idempotency import submit_once
from healthsite.ratelimit import client_ip
from healthsite.text import render_user


def _tell_post_held(request) -> None:
    messages.info(
        request,
        _(
            "Thank you. As a new member, your first post is checked by a "
            "moderator before others can see it."
        ),
    )


@login_required
@submit_once
def thread_create(request, group: str):
    group_obj = readable_group_or_404(request, group)
    if not selectors.can_post_in_group(request.user, group_obj):
        messages.error(request, _("Join the group to start a discussion."))
        return redirect(group_obj)
    form = ThreadForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        title, body = form.cleaned_data["title"], form.cleaned_data["body"]
        if crisis_preview_needed(request, title, body):
            preview = {"html": render_user(body), "crisis": mentions_crisis(title, body)}
        else:
            try:
                thread = thread_services.thread_create(
                    group=group_obj,
                    author=request.user,
                    title=title,
                    body=body,
                    ip=client_ip(request),
                )
            except CommunityError as error:
                add_form_errors(form, error)
            else:
                if thread.is_held:
                    _tell_post_held(request)
                return redirect(thread)
    return render(
        request,
        "community/thread_form.html",
        {"group": group_obj, "form": form, "preview": preview},
    )


def thread_detail(request, group: str, thread_id: int, slug: str):
    group_obj = readable_group_or_404(request, group)
    thread = thread_or_404(request, thread_id, group_obj)
    if slug != thread.slug:
        return HttpResponseRedirect(thread.get_absolute_url())
    moderator = selectors.is_group_moderator(request.user, group_obj)
    page = selectors.thread_page(
        thread=thread, user=request.user, page_number=request.GET.get("page"), moderator=moderator
    )
    posts = page.posts
    for post in posts:
        post.is_new = request.user.is_authenticated and post.number > page.last_read_number
    if request.user.is_authenticated and posts:
        thread_services.thread_mark_read(thread=thread, user=request.user, number=posts[-1].number)
    can_reply = (
        selectors.can_post_in_group(request.user, group_obj)
        and (not thread.is_locked or moderator)
        and not thread.is_held
    )
    return render(
        request,
        "community/thread_detail.html",
        {
            "group": group_obj,
            "thread": thread,
            "posts": posts,
            "page_obj": page.page_obj,
            "page_range": page.page_range,
            "any_crisis": any(p.mentions_crisis for p in posts),
            "moderator": moderator,
            "site_moderator": selectors.is_site_moderator(request.user),
            "can_reply": can_reply,
            "reply_form": ReplyForm(),
            "follow": selectors.follow_for(request.user, thread=thread),
            "follow_form": FollowForm(),
            "is_member": selectors.is_member(request.user, group_obj),
        },
    )


@login_required
@submit_once
def thread_reply(request, group: str, thread_id: int, slug: str):
    group_obj = readable_group_or_404(request, group)
    thread = thread_or_404(request, thread_id, group_obj)
    quote = None
    quote_id = request.GET.get("quote") or request.POST.get("quote")
    if quote_id and str(quote_id).isdigit():
        quote = (
            Post.objects.filter(pk=quote_id, thread=thread, status=Post.Status.PUBLISHED)
            .select_related("author")
            .first()
        )
    form = ReplyForm(request.POST or None, initial={"quote": quote.pk if quote else None})
    preview = None
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        if crisis_preview_needed(request, body):
            preview = {"html": render_user(body), "crisis": mentions_crisis(body)}
        else:
            try:
                post = thread_services.post_reply(
                    thread=thread,
                    author=request.user,
                    body=body,
                    quote_of=quote,
                    ip=client_ip(request),
                )
            except PermissionDenied:
                messages.error(request, _("Join the group to reply."))
                return redirect(group_obj)
            except CommunityError as error:
                add_form_errors(form, error)
            else:
                if post.status == Post.Status.HELD:
                    _tell_post_held(request)
                return redirect_to_post(post)
    return render(
        request,
        "community/reply_form.html",
        {"group": group_obj, "thread": thread, "form": form, "preview": preview, "quote": quote},
    )


def post_link(request, post_id: int):
    """A permanent link to one post: redirects to its page and anchor."""
    post = post_or_404(request, post_id)
    return redirect_to_post(post)


@login_required
def post_edit(request, post_id: int):
    post = post_or_404(request, post_id)
    if request.user.pk != post.author_id and not selectors.is_group_moderator(
        request.user, post.thread.group
    ):
        raise PermissionDenied
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            thread_services.post_edit(
                post=post, editor=request.user, body=form.cleaned_data["body"]
            )
        except CommunityError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect_to_post(post)
    return render(request, "community/post_edit.html", {"post": post, "form": form})


def post_history(request, post_id: int):
    post = post_or_404(request, post_id)
    if post.status != Post.Status.PUBLISHED and not selectors.is_group_moderator(
        request.user, post.thread.group
    ):
        raise Http404
    return render(
        request,
        "community/post_history.html",
        {"post": post, "revisions": post.revisions.select_related("edited_by")},
    )


@login_required
def post_delete(request, post_id: int):
    post = post_or_404(request, post_id)
    if request.user.pk != post.author_id:
        raise PermissionDenied
    if request.method == "POST":
        outcome = thread_services.post_delete(post=post, user=request.user)
        messages.success(request, _("Your post was deleted."))
        if outcome == "thread":
            return redirect(post.thread.group)
        return HttpResponseRedirect(post.thread.get_absolute_url())
    return render(request, "community/post_delete.html", {"post": post})
