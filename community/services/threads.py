"""Writes for discussions: start a thread, reply, edit, delete, read markers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community import search as community_search
from community import selectors
from community.models.follows import Follow
from community.models.groups import SupportGroup
from community.models.threads import Post, PostRevision, Thread, ThreadRead
from community.safety import clean_title, clean_user_text, mentions_crisis
from community.services.follows import notifications_queue
from community.services.rules import (
    CommunityError,
    check_can_write,
    check_length,
    check_links,
    render_text,
)


def _quote_markdown(post: Post) -> str:
    name = post.author.public_name if post.author else _("A former member")
    lines = [f"> **{name}** wrote:", ">"] + [f"> {line}" for line in post.body.splitlines()[:20]]
    return "\n".join(lines) + "\n\n"


@transaction.atomic
def thread_create(*, group: SupportGroup, author, title: str, body: str, ip: str) -> Thread:
    if not selectors.can_post_in_group(author, group):
        raise PermissionDenied
    title = clean_title(title)
    body, html, crisis = render_text(body)
    if not title or not body:
        raise CommunityError(_("Enter a title and a message."))
    check_can_write(user=author, body=body + " " + title, action="thread", ip=ip)
    held = selectors.needs_approval(author)
    now = timezone.now()
    thread = Thread(
        group=group,
        title=title,
        slug=slugify(title)[:150] or "thread",
        author=author,
        created_at=now,
        last_post_at=now,
        last_number=1,
        is_held=held,
    )
    thread.full_clean()
    thread.save()
    post = Post(
        thread=thread,
        number=1,
        author=author,
        body=body,
        body_html=html,
        mentions_crisis=crisis or mentions_crisis(title),
        status=Post.Status.HELD if held else Post.Status.PUBLISHED,
        created_at=now,
    )
    post.full_clean()
    post.save()
    Follow.objects.get_or_create(user=author, thread=thread)
    ThreadRead.objects.update_or_create(
        user=author, thread=thread, defaults={"last_read_number": 1}
    )
    if not held:
        post_after_publish(post=post)
    return thread


@transaction.atomic
def post_reply(*, thread: Thread, author, body: str, ip: str, quote_of: Post | None = None) -> Post:
    thread = Thread.objects.select_for_update().select_related("group").get(pk=thread.pk)
    if not selectors.can_post_in_group(author, thread.group):
        raise PermissionDenied
    if thread.is_locked and not selectors.is_group_moderator(author, thread.group):
        raise CommunityError(_("This discussion is locked: no new replies."), code="locked")
    if thread.is_hidden or thread.is_deleted or thread.is_held:
        raise CommunityError(_("This discussion is not open for replies."))
    body = clean_user_text(body)
    if not body:
        raise CommunityError(_("Enter a message."))
    check_can_write(user=author, body=body, action="reply", ip=ip)
    if quote_of is not None:
        if quote_of.thread_id != thread.pk or quote_of.status != Post.Status.PUBLISHED:
            quote_of = None
        else:
            body = _quote_markdown(quote_of) + body
    body, html, crisis = render_text(body)
    held = selectors.needs_approval(author)
    number = thread.last_number + 1  # never reused, even after the last post is deleted
    post = Post(
        thread=thread,
        number=number,
        author=author,
        body=body,
        body_html=html,
        quote_of=quote_of,
        mentions_crisis=crisis,
        status=Post.Status.HELD if held else Post.Status.PUBLISHED,
    )
    post.full_clean()
    post.save()
    Thread.objects.filter(pk=thread.pk).update(last_number=number)
    thread.last_number = number
    ThreadRead.objects.update_or_create(
        user=author, thread=thread, defaults={"last_read_number": number}
    )
    if not held:
        post_after_publish(post=post)
    return post


def thread_refresh_counts(*, thread: Thread) -> None:
    """Recount a thread's replies and its last post time from its published posts."""
    published = thread.posts.filter(status=Post.Status.PUBLISHED)
    count = published.count()
    last = published.aggregate(at=Max("created_at"))["at"] or thread.created_at
    Thread.objects.filter(pk=thread.pk).update(reply_count=max(count - 1, 0), last_post_at=last)


def post_after_publish(*, post: Post) -> None:
    """A post became visible: counters, search, and the followers' notifications."""
    thread = post.thread
    thread_refresh_counts(thread=thread)
    notifications_queue(post=post)
    transaction.on_commit(lambda: community_search.sync_thread(thread.pk))


@transaction.atomic
def post_edit(*, post: Post, editor, body: str) -> Post:
    if editor.pk != post.author_id and not selectors.is_group_moderator(editor, post.thread.group):
        raise PermissionDenied
    if post.status == Post.Status.DELETED:
        raise CommunityError(_("A deleted post cannot be edited."))
    body = clean_user_text(body)
    if not body:
        raise CommunityError(_("Enter a message."))
    check_length(body=body)
    check_links(user=editor, body=body, previous=post.body)
    if body == post.body:
        return post
    PostRevision.objects.create(
        post=post, body=post.body, body_html=post.body_html, edited_by=editor
    )
    post.body, post.body_html, post.mentions_crisis = render_text(body)
    post.edited_at = timezone.now()
    post.full_clean()
    post.save(update_fields=["body", "body_html", "mentions_crisis", "edited_at"])
    if post.number == 1:
        transaction.on_commit(lambda: community_search.sync_thread(post.thread_id))
    return post


@transaction.atomic
def post_delete(*, post: Post, user) -> str:
    """The author deletes a post. With replies after it a placeholder stays (so numbers and
    quotes still make sense); otherwise it goes. Returns "thread", "placeholder" or "post"."""
    if user.pk != post.author_id:
        raise PermissionDenied
    thread = post.thread
    later = thread.posts.filter(number__gt=post.number).exclude(status=Post.Status.DELETED)
    if post.number == 1 and not later.exists():
        Thread.objects.filter(pk=thread.pk).update(is_deleted=True)
        Post.objects.filter(pk=post.pk).update(status=Post.Status.DELETED, body="", body_html="")
        transaction.on_commit(lambda: community_search.sync_thread(thread.pk))
        return "thread"
    if later.exists():
        PostRevision.objects.filter(post=post).delete()
        post.status = Post.Status.DELETED
        post.body = ""
        post.body_html = ""
        post.save(update_fields=["status", "body", "body_html"])
        thread_refresh_counts(thread=thread)
        if post.number == 1:
            transaction.on_commit(lambda: community_search.sync_thread(thread.pk))
        return "placeholder"
    post.delete()
    thread_refresh_counts(thread=thread)
    return "post"


@transaction.atomic
def thread_mark_read(*, thread: Thread, user, number: int) -> None:
    if not user.is_authenticated:
        return
    marker, created = ThreadRead.objects.get_or_create(
        user=user, thread=thread, defaults={"last_read_number": number}
    )
    if not created and marker.last_read_number < number:
        ThreadRead.objects.filter(pk=marker.pk).update(last_read_number=number)
