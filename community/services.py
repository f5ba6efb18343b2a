"""Every community write. Views call these; rules (suspensions, rate limits, trust, held
first posts, duplicate text) are checked here so the admin, commands and tests share them."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community import search as community_search
from community import selectors
from community.models import (
    RESERVED_SLUGS,
    Answer,
    ExpertProfile,
    Follow,
    Frequency,
    Membership,
    ModerationAction,
    Notification,
    Perspective,
    Post,
    PostRevision,
    Question,
    Report,
    SupportGroup,
    Suspension,
    Thread,
    ThreadRead,
    Topic,
)
from community.safety import clean_title, clean_user_text, mentions_crisis
from healthsite.ratelimit import rate_limit_hit
from healthsite.text import contains_link, render_user

# (limit, window seconds) per member and per address.
RATE_LIMITS = {
    "thread": {"member": (5, 3600), "ip": (20, 3600)},
    "reply": {"member": (30, 3600), "ip": (60, 3600)},
    "question": {"member": (5, 3600), "ip": (20, 3600)},
    "report": {"member": (10, 3600), "ip": (30, 3600)},
}
DUPLICATE_WINDOW = timedelta(minutes=10)
MAX_BODY = 10_000


class CommunityError(ValidationError):
    """A rule said no; the message is shown to the reader in the form's error summary."""


# --- Shared checks --------------------------------------------------------------------------


def _check_rate(*, action: str, user, ip: str) -> None:
    member_limit, member_window = RATE_LIMITS[action]["member"]
    ip_limit, ip_window = RATE_LIMITS[action]["ip"]
    over_member = rate_limit_hit(
        key=f"community:{action}:user:{user.pk}", limit=member_limit, window=member_window
    )
    over_ip = rate_limit_hit(key=f"community:{action}:ip:{ip}", limit=ip_limit, window=ip_window)
    if over_member or over_ip:
        raise CommunityError(
            _("You have done that too many times in a short while. Please try again later."),
            code="rate_limited",
        )


def _check_can_write(*, user, body: str, action: str, ip: str) -> None:
    if not user.is_authenticated:
        raise PermissionDenied
    suspension = selectors.active_suspension(user)
    if suspension:
        raise CommunityError(
            _("Your account is suspended from posting until %(date)s.")
            % {"date": timezone.localtime(suspension.until).strftime("%d %B %Y %H:%M")},
            code="suspended",
        )
    if len(body) > MAX_BODY:
        raise CommunityError(_("Please keep your message under 10,000 characters."))
    if contains_link(body) and not selectors.is_trusted(user):
        raise CommunityError(
            _("New members cannot post links yet. Please remove the web address and try again."),
            code="links_not_allowed",
        )
    _check_rate(action=action, user=user, ip=ip)
    if _is_duplicate(user=user, body=body):
        raise CommunityError(_("You posted the same text a few minutes ago."), code="duplicate")


def _fingerprint(body: str) -> str:
    return " ".join(body.lower().split())


def _is_duplicate(*, user, body: str) -> bool:
    since = timezone.now() - DUPLICATE_WINDOW
    wanted = _fingerprint(body)
    recent = list(
        Post.objects.filter(author=user, created_at__gte=since).values_list("body", flat=True)
    ) + list(
        Question.objects.filter(asker=user, created_at__gte=since).values_list("body", "title")
    )
    for item in recent:
        text = item if isinstance(item, str) else (item[0] or item[1])
        if _fingerprint(text) == wanted:
            return True
    return False


def _unique_slug(model, base: str, *, max_length: int = 120) -> str:
    base = (slugify(base) or "item")[: max_length - 8]
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists() or slug in RESERVED_SLUGS:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _log(*, moderator, kind: str, reason: str = "", **targets) -> ModerationAction:
    action = ModerationAction(moderator=moderator, kind=kind, reason=reason, **targets)
    action.full_clean()
    action.save()
    return action


def _require_group_moderator(user, group: SupportGroup) -> None:
    if not selectors.is_group_moderator(user, group):
        raise PermissionDenied


def _require_site_moderator(user) -> None:
    if not selectors.is_site_moderator(user):
        raise PermissionDenied


# --- Groups ---------------------------------------------------------------------------------


@transaction.atomic
def group_create(
    *,
    name: str,
    description: str,
    visibility: str,
    created_by,
    conditions=(),
    health_centers=(),
    slug: str | None = None,
    official: bool | None = None,
) -> SupportGroup:
    """Staff create approved, official groups; members propose groups that staff approve."""
    staff = selectors.is_site_moderator(created_by)
    group = SupportGroup(
        name=clean_title(name),
        slug=slug or _unique_slug(SupportGroup, name),
        description=clean_user_text(description),
        visibility=visibility,
        status=SupportGroup.Status.APPROVED if staff else SupportGroup.Status.PROPOSED,
        is_official=staff if official is None else (official and staff),
        proposed_by=created_by,
    )
    if group.slug in RESERVED_SLUGS:
        raise CommunityError(_("That address is reserved; choose another name."))
    group.full_clean()
    group.save()
    group.conditions.set(conditions)
    group.health_centers.set(health_centers)
    Membership.objects.create(
        group=group,
        user=created_by,
        role=Membership.Role.MODERATOR,
        status=Membership.Status.ACTIVE,
    )
    transaction.on_commit(lambda: community_search.sync_group(group))
    return group


@transaction.atomic
def group_decide(*, group: SupportGroup, moderator, approve: bool, reason: str = "") -> None:
    _require_site_moderator(moderator)
    group.status = SupportGroup.Status.APPROVED if approve else SupportGroup.Status.REJECTED
    group.save(update_fields=["status"])
    _log(
        moderator=moderator,
        kind=ModerationAction.Kind.APPROVE_GROUP if approve else ModerationAction.Kind.REJECT_GROUP,
        reason=reason,
        group=group,
    )
    transaction.on_commit(lambda: community_search.sync_group(group))


@transaction.atomic
def group_set_visibility(*, group: SupportGroup, visibility: str, moderator) -> None:
    """Making a group private removes its threads from search at once (and back)."""
    _require_group_moderator(moderator, group)
    group.visibility = visibility
    group.full_clean()
    group.save(update_fields=["visibility"])
    transaction.on_commit(lambda: community_search.sync_group(group, with_threads=True))


@transaction.atomic
def group_join(*, group: SupportGroup, user) -> Membership:
    """Public groups: a member at once. Private groups: a request the moderators approve."""
    if group.status != SupportGroup.Status.APPROVED:
        raise CommunityError(_("This group is not open yet."))
    membership, _created = Membership.objects.get_or_create(
        group=group,
        user=user,
        defaults={
            "status": Membership.Status.ACTIVE if group.is_public else Membership.Status.PENDING
        },
    )
    user._community_memberships = {}
    return membership


@transaction.atomic
def group_leave(*, group: SupportGroup, user) -> None:
    Membership.objects.filter(group=group, user=user).delete()
    # Leaving a private group also stops its emails.
    if not group.is_public:
        Follow.objects.filter(user=user, group=group).delete()
        Follow.objects.filter(user=user, thread__group=group).delete()
    user._community_memberships = {}


@transaction.atomic
def membership_decide(*, membership: Membership, moderator, approve: bool) -> None:
    _require_group_moderator(moderator, membership.group)
    if approve:
        membership.status = Membership.Status.ACTIVE
        membership.save(update_fields=["status"])
    _log(
        moderator=moderator,
        kind=ModerationAction.Kind.APPROVE_MEMBER
        if approve
        else ModerationAction.Kind.REJECT_MEMBER,
        group=membership.group,
        member=membership.user,
    )
    if not approve:
        membership.delete()


# --- Threads and posts ----------------------------------------------------------------------


def _render(body: str) -> tuple[str, str, bool]:
    body = clean_user_text(body)
    return body, render_user(body), mentions_crisis(body)


def _quote_markdown(post: Post) -> str:
    name = post.author.public_name if post.author else _("A former member")
    lines = [f"> **{name}** wrote:", ">"] + [f"> {line}" for line in post.body.splitlines()[:20]]
    return "\n".join(lines) + "\n\n"


@transaction.atomic
def thread_create(*, group: SupportGroup, author, title: str, body: str, ip: str) -> Thread:
    if not selectors.can_post_in_group(author, group):
        raise PermissionDenied
    title = clean_title(title)
    body, html, crisis = _render(body)
    if not title or not body:
        raise CommunityError(_("Enter a title and a message."))
    _check_can_write(user=author, body=body + " " + title, action="thread", ip=ip)
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
        _after_publish(post)
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
    _check_can_write(user=author, body=body, action="reply", ip=ip)
    if quote_of is not None:
        if quote_of.thread_id != thread.pk or quote_of.status != Post.Status.PUBLISHED:
            quote_of = None
        else:
            body = _quote_markdown(quote_of) + body
    body, html, crisis = _render(body)
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
        _after_publish(post)
    return post


def _refresh_thread(thread: Thread) -> None:
    published = thread.posts.filter(status=Post.Status.PUBLISHED)
    count = published.count()
    last = published.aggregate(at=Max("created_at"))["at"] or thread.created_at
    Thread.objects.filter(pk=thread.pk).update(reply_count=max(count - 1, 0), last_post_at=last)


def _after_publish(post: Post) -> None:
    """A post became visible: counters, search, and the followers' notifications."""
    thread = post.thread
    _refresh_thread(thread)
    _queue_notifications(post)
    transaction.on_commit(lambda: community_search.sync_thread(thread.pk))


def _queue_notifications(post: Post) -> None:
    from community import tasks

    thread = post.thread
    group = thread.group
    follows = Follow.objects.filter(thread=thread) | Follow.objects.filter(group=group)
    wanted: dict[int, str] = {}
    for follow in follows.exclude(user=post.author_id).select_related("user"):
        if (
            not group.is_public
            and not Membership.objects.filter(
                group=group, user=follow.user, status=Membership.Status.ACTIVE
            ).exists()
        ):
            continue
        # A thread follow asking for immediate mail wins over a daily group digest.
        if wanted.get(follow.user_id) != Frequency.IMMEDIATE:
            wanted[follow.user_id] = follow.frequency
    for user_id, frequency in wanted.items():
        try:
            with transaction.atomic():
                Notification.objects.create(recipient_id=user_id, post=post, frequency=frequency)
        except IntegrityError:  # already queued for this post: exactly once
            continue
    post_id = post.pk
    transaction.on_commit(lambda: tasks.send_post_notifications.enqueue(post_id))


@transaction.atomic
def post_edit(*, post: Post, editor, body: str) -> Post:
    if editor.pk != post.author_id and not selectors.is_group_moderator(editor, post.thread.group):
        raise PermissionDenied
    if post.status == Post.Status.DELETED:
        raise CommunityError(_("A deleted post cannot be edited."))
    body = clean_user_text(body)
    if not body:
        raise CommunityError(_("Enter a message."))
    if len(body) > MAX_BODY:
        raise CommunityError(_("Please keep your message under 10,000 characters."))
    if contains_link(body) and not contains_link(post.body) and not selectors.is_trusted(editor):
        raise CommunityError(
            _("New members cannot post links yet. Please remove the web address and try again."),
            code="links_not_allowed",
        )
    if body == post.body:
        return post
    PostRevision.objects.create(
        post=post, body=post.body, body_html=post.body_html, edited_by=editor
    )
    post.body, post.body_html, post.mentions_crisis = _render(body)
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
        _refresh_thread(thread)
        if post.number == 1:
            transaction.on_commit(lambda: community_search.sync_thread(thread.pk))
        return "placeholder"
    post.delete()
    _refresh_thread(thread)
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


# --- Follows --------------------------------------------------------------------------------


@transaction.atomic
def follow_set(
    *, user, thread: Thread | None = None, group: SupportGroup | None = None, frequency: str
) -> Follow:
    target_group = thread.group if thread else group
    if not selectors.can_read_group(user, target_group):
        raise PermissionDenied
    if frequency not in Frequency.values:
        raise CommunityError(_("Choose how often to get emails."))
    follow, _created = Follow.objects.update_or_create(
        user=user, thread=thread, group=None if thread else group, defaults={"frequency": frequency}
    )
    return follow


@transaction.atomic
def follow_remove(*, follow: Follow) -> None:
    follow.delete()


# --- Reports and moderation -----------------------------------------------------------------


@transaction.atomic
def report_create(
    *, reporter, reason: str, details: str, ip: str, post: Post | None = None, answer=None
) -> Report:
    if not reporter.is_authenticated:
        raise PermissionDenied
    _check_rate(action="report", user=reporter, ip=ip)
    report = Report(
        reporter=reporter,
        post=post,
        answer=answer,
        reason=reason,
        details=clean_user_text(details)[:1000],
    )
    report.full_clean()
    report.save()
    return report


def _tell_reporters(reports) -> None:
    from community import tasks

    for report in reports:
        report_id = report.pk
        transaction.on_commit(
            lambda report_id=report_id: tasks.send_report_outcome.enqueue(report_id)
        )


@transaction.atomic
def report_resolve(*, report: Report, moderator, action: str, outcome: str = "") -> None:
    """Act on a report: "hide" the post (closing every open report on it) or "dismiss"."""
    target_group = report.post.thread.group if report.post_id else None
    if target_group is not None:
        _require_group_moderator(moderator, target_group)
    else:
        _require_site_moderator(moderator)
    if report.status != Report.Status.OPEN:
        return
    now = timezone.now()
    if action == "hide":
        if report.post_id:
            post_hide(post=report.post, moderator=moderator, reason=outcome or report.reason)
            related = Report.objects.filter(post=report.post, status=Report.Status.OPEN)
        else:
            answer_hide(answer=report.answer, moderator=moderator, reason=outcome or report.reason)
            related = Report.objects.filter(answer=report.answer, status=Report.Status.OPEN)
        text = outcome or _("Thank you. A moderator agreed and hid the post you reported.")
        status = Report.Status.ACTIONED
    elif action == "dismiss":
        related = Report.objects.filter(pk=report.pk)
        text = outcome or _(
            "Thank you. A moderator looked at the post you reported and left it in place."
        )
        status = Report.Status.DISMISSED
        _log(
            moderator=moderator,
            kind=ModerationAction.Kind.DISMISS,
            reason=text,
            post=report.post,
            answer=report.answer,
            group=target_group,
        )
    else:
        raise CommunityError(_("Choose what to do with the report."))
    reports = list(related)
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(
        status=status, outcome=text, resolved_at=now, resolved_by=moderator
    )
    _tell_reporters(reports)


def _post_set_hidden(*, post: Post, moderator, reason: str, hidden: bool) -> None:
    """Hide or restore a post (its whole thread when it is the opening post), logged."""
    _require_group_moderator(moderator, post.thread.group)
    status = Post.Status.HIDDEN if hidden else Post.Status.PUBLISHED
    Post.objects.filter(pk=post.pk).update(status=status)
    if post.number == 1:
        Thread.objects.filter(pk=post.thread_id).update(is_hidden=hidden)
    _refresh_thread(post.thread)
    _log(
        moderator=moderator,
        kind=ModerationAction.Kind.HIDE if hidden else ModerationAction.Kind.RESTORE,
        reason=reason,
        post=post,
        thread=post.thread,
        group=post.thread.group,
        member=post.author,
    )
    transaction.on_commit(lambda: community_search.sync_thread(post.thread_id))


@transaction.atomic
def post_hide(*, post: Post, moderator, reason: str = "") -> None:
    _post_set_hidden(post=post, moderator=moderator, reason=reason, hidden=True)


@transaction.atomic
def post_restore(*, post: Post, moderator, reason: str = "") -> None:
    _post_set_hidden(post=post, moderator=moderator, reason=reason, hidden=False)


@transaction.atomic
def post_approve(*, post: Post, moderator) -> None:
    """Publish a held post (a new member's first post)."""
    _require_group_moderator(moderator, post.thread.group)
    if post.status != Post.Status.HELD:
        return
    post.status = Post.Status.PUBLISHED
    post.save(update_fields=["status"])
    if post.number == 1:
        Thread.objects.filter(pk=post.thread_id).update(is_held=False)
        post.thread.is_held = False
    _log(
        moderator=moderator,
        kind=ModerationAction.Kind.APPROVE_POST,
        post=post,
        thread=post.thread,
        group=post.thread.group,
        member=post.author,
    )
    _after_publish(post)


@transaction.atomic
def thread_lock(*, thread: Thread, moderator, locked: bool, reason: str = "") -> None:
    _require_group_moderator(moderator, thread.group)
    Thread.objects.filter(pk=thread.pk).update(is_locked=locked)
    _log(
        moderator=moderator,
        kind=ModerationAction.Kind.LOCK if locked else ModerationAction.Kind.UNLOCK,
        reason=reason,
        thread=thread,
        group=thread.group,
    )


@transaction.atomic
def thread_move(*, thread: Thread, to_group: SupportGroup, moderator, reason: str = "") -> None:
    """Move a thread to another group (site moderators: it may change who can read it)."""
    _require_site_moderator(moderator)
    from_group = thread.group
    Thread.objects.filter(pk=thread.pk).update(group=to_group)
    _log(
        moderator=moderator,
        kind=ModerationAction.Kind.MOVE,
        reason=reason or f"{from_group.name} → {to_group.name}",
        thread=thread,
        group=to_group,
    )
    transaction.on_commit(lambda: community_search.sync_thread(thread.pk))


@transaction.atomic
def member_suspend(*, member, moderator, days: int, reason: str) -> Suspension:
    _require_site_moderator(moderator)
    if member.pk == moderator.pk:
        raise CommunityError(_("You cannot suspend yourself."))
    if not 1 <= days <= 365:
        raise CommunityError(_("Choose between 1 and 365 days."))
    suspension = Suspension(
        user=member,
        until=timezone.now() + timedelta(days=days),
        reason=clean_user_text(reason),
        created_by=moderator,
    )
    suspension.full_clean()
    suspension.save()
    _log(
        moderator=moderator,
        kind=ModerationAction.Kind.SUSPEND,
        reason=f"{days} days: {suspension.reason}",
        member=member,
    )
    return suspension


# --- Experts, questions, answers, perspectives ----------------------------------------------


@transaction.atomic
def expert_apply(
    *, user, name: str, credentials: str, specialty: str, organisation: str, bio: str = ""
) -> ExpertProfile:
    profile, _created = ExpertProfile.objects.get_or_create(
        user=user,
        defaults={
            "name": clean_title(name),
            "credentials": clean_title(credentials),
            "specialty": clean_title(specialty),
            "organisation": clean_title(organisation),
            "bio": clean_user_text(bio),
        },
    )
    if not _created and profile.status != ExpertProfile.Status.VERIFIED:
        profile.name, profile.credentials = clean_title(name), clean_title(credentials)
        profile.specialty, profile.organisation = clean_title(specialty), clean_title(organisation)
        profile.bio = clean_user_text(bio)
        profile.status = ExpertProfile.Status.PENDING
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def expert_verify(*, profile: ExpertProfile, moderator, approve: bool, reason: str = "") -> None:
    _require_site_moderator(moderator)
    profile.status = ExpertProfile.Status.VERIFIED if approve else ExpertProfile.Status.REJECTED
    profile.verified_at = timezone.now() if approve else None
    profile.verified_by = moderator if approve else None
    profile.save(update_fields=["status", "verified_at", "verified_by"])
    _log(
        moderator=moderator,
        kind=ModerationAction.Kind.VERIFY_EXPERT
        if approve
        else ModerationAction.Kind.REJECT_EXPERT,
        reason=reason,
        member=profile.user,
    )


@transaction.atomic
def question_ask(*, topic: Topic, asker, title: str, body: str, ip: str) -> Question:
    if not asker.is_authenticated:
        raise PermissionDenied
    title = clean_title(title)
    body = clean_user_text(body)
    if not title:
        raise CommunityError(_("Enter your question."))
    _check_can_write(user=asker, body=f"{title} {body}", action="question", ip=ip)
    question = Question(
        topic=topic,
        asker=asker,
        title=title,
        slug=slugify(title)[:190] or "question",
        body=body,
        body_html=render_user(body),
        mentions_crisis=mentions_crisis(title, body),
        status=Question.Status.HELD
        if selectors.needs_approval(asker)
        else Question.Status.PUBLISHED,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_approve(*, question: Question, moderator) -> None:
    _require_site_moderator(moderator)
    Question.objects.filter(pk=question.pk).update(status=Question.Status.PUBLISHED)
    _log(moderator=moderator, kind=ModerationAction.Kind.APPROVE_POST, reason=question.title)
    transaction.on_commit(lambda: community_search.sync_question(question.pk))


@transaction.atomic
def answer_create(*, question: Question, expert, body: str) -> Answer:
    if not selectors.is_verified_expert(expert):
        raise PermissionDenied
    if question.status != Question.Status.PUBLISHED:
        raise CommunityError(_("This question is not open for answers."))
    body = clean_user_text(body)
    if not body:
        raise CommunityError(_("Enter your answer."))
    answer = Answer(question=question, expert=expert, body=body, body_html=render_user(body))
    answer.full_clean()
    answer.save()
    Question.objects.filter(pk=question.pk).update(is_answered=True)
    transaction.on_commit(lambda: community_search.sync_question(question.pk))
    return answer


@transaction.atomic
def answer_mark_helpful(*, answer: Answer, user) -> None:
    question = answer.question
    if user.pk != question.asker_id:
        raise PermissionDenied
    if answer.is_hidden:
        raise CommunityError(_("That answer is hidden."))
    Question.objects.filter(pk=question.pk).update(most_helpful=answer)


@transaction.atomic
def answer_hide(*, answer: Answer, moderator, reason: str = "") -> None:
    _require_site_moderator(moderator)
    Answer.objects.filter(pk=answer.pk).update(is_hidden=True)
    Question.objects.filter(pk=answer.question_id, most_helpful=answer).update(most_helpful=None)
    still = Answer.objects.filter(question_id=answer.question_id, is_hidden=False).exists()
    Question.objects.filter(pk=answer.question_id).update(is_answered=still)
    _log(moderator=moderator, kind=ModerationAction.Kind.HIDE_ANSWER, reason=reason, answer=answer)
    transaction.on_commit(lambda: community_search.sync_question(answer.question_id))


@transaction.atomic
def perspective_publish(
    *, expert, title: str, summary: str, body: str, topic: Topic | None = None, conditions=()
) -> Perspective:
    if not selectors.is_verified_expert(expert):
        raise PermissionDenied
    body = clean_user_text(body)
    perspective = Perspective(
        expert=expert,
        title=clean_title(title),
        slug=_unique_slug(Perspective, title, max_length=200),
        summary=clean_title(summary),
        body=body,
        body_html=render_user(body),
        topic=topic,
    )
    perspective.full_clean()
    perspective.save()
    perspective.conditions.set(conditions)
    transaction.on_commit(lambda: community_search.sync_perspective(perspective.pk))
    return perspective


def unsubscribe_token_for(follow: Follow) -> str:
    from django.core import signing

    return signing.dumps({"f": follow.pk, "u": follow.user_id}, salt="community.unsubscribe")


def follow_from_token(token: str) -> Follow | None:
    from django.core import signing

    try:
        data = signing.loads(token, salt="community.unsubscribe")
    except signing.BadSignature:
        return None
    return Follow.objects.filter(pk=data.get("f"), user_id=data.get("u")).first()
