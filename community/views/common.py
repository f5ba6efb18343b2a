"""Helpers every community page module shares: look-ups that hide what a reader may not
see (404, not 403), form errors from `CommunityError`, the crisis preview step, links to
a post on its page, and numbered pagination."""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404

from community import selectors
from community.models.groups import SupportGroup
from community.models.threads import Post, Thread
from community.safety import mentions_crisis
from community.services.rules import CommunityError


def add_form_errors(form, error: CommunityError) -> None:
    """Show a rule's messages in the form's error summary."""
    for message in error.messages:
        form.add_error(None, message)


def group_or_404(request, slug: str) -> SupportGroup:
    group = get_object_or_404(SupportGroup, slug=slug)
    if group.status != SupportGroup.Status.APPROVED and not selectors.can_read_group(
        request.user, group
    ):
        raise Http404
    return group


def readable_group_or_404(request, slug: str) -> SupportGroup:
    group = group_or_404(request, slug)
    if not selectors.can_read_group(request.user, group):
        raise Http404  # a private group's content does not exist for non-members
    return group


def thread_or_404(request, thread_id: int, group: SupportGroup | None = None) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("group"), pk=thread_id)
    if group is not None and thread.group_id != group.pk:
        raise Http404
    if not selectors.can_read_group(request.user, thread.group):
        raise Http404
    moderator = selectors.is_group_moderator(request.user, thread.group)
    if thread.is_deleted or ((thread.is_hidden or thread.is_held) and not moderator):
        own_held = (
            thread.is_held
            and request.user.is_authenticated
            and (thread.author_id == request.user.pk)
        )
        if not own_held:
            raise Http404
    return thread


def post_or_404(request, post_id: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__group", "author"), pk=post_id)
    thread_or_404(request, post.thread_id)
    return post


def crisis_preview_needed(request, *texts: str) -> bool:
    """Show the preview first when asked, or when the text mentions a crisis and the writer
    has not yet confirmed after seeing the support links."""
    return request.POST.get("action") == "preview" or (
        mentions_crisis(*texts) and request.POST.get("confirmed") != "1"
    )


def redirect_to_post(post: Post) -> HttpResponseRedirect:
    thread = post.thread
    url = thread.get_absolute_url()
    page = selectors.page_of_post(post)
    if page > 1:
        url += f"?page={page}"
    return HttpResponseRedirect(f"{url}#post-{post.number}")
