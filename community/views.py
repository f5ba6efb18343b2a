"""Community pages. Thin: look up, check permission through selectors, call a service,
render. Rules and their messages come from services (`CommunityError`)."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from community import selectors, services
from community.forms import (
    AnswerForm,
    EditForm,
    ExpertProfileForm,
    FollowForm,
    GroupForm,
    ModerationForm,
    MoveForm,
    PerspectiveForm,
    QuestionForm,
    ReplyForm,
    ReportDecisionForm,
    ReportForm,
    SuspendForm,
    ThreadForm,
)
from community.models import (
    Answer,
    ExpertProfile,
    Follow,
    Membership,
    Perspective,
    Post,
    Question,
    Report,
    SupportGroup,
    Thread,
    Topic,
)
from community.safety import mentions_crisis
from healthsite.ratelimit import client_ip
from healthsite.text import render_user


def _login_url() -> str:
    """The accounts app's login page (its plain path while that app has no named URL)."""
    try:
        return resolve_url(settings.LOGIN_URL)
    except NoReverseMatch:
        return "/accounts/login/"


def login_required(view):
    """Send visitors who are not signed in to log in, then back here."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), _login_url())
        return view(request, *args, **kwargs)

    return wrapper


def _add_error(form, error: services.CommunityError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _group_or_404(request, slug: str) -> SupportGroup:
    group = get_object_or_404(SupportGroup, slug=slug)
    if group.status != SupportGroup.Status.APPROVED and not selectors.can_read_group(
        request.user, group
    ):
        raise Http404
    return group


def _readable_group_or_404(request, slug: str) -> SupportGroup:
    group = _group_or_404(request, slug)
    if not selectors.can_read_group(request.user, group):
        raise Http404  # a private group's content does not exist for non-members
    return group


def _thread_or_404(request, thread_id: int, group: SupportGroup | None = None) -> Thread:
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


def _post_or_404(request, post_id: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__group", "author"), pk=post_id)
    _thread_or_404(request, post.thread_id)
    return post


# --- Index and groups -----------------------------------------------------------------------


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
            group = services.group_create(
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                visibility=form.cleaned_data["visibility"],
                conditions=form.cleaned_data["conditions"],
                health_centers=form.cleaned_data["health_centers"],
                created_by=request.user,
            )
        except services.CommunityError as error:
            _add_error(form, error)
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
    group_obj = _group_or_404(request, group)
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
        from django.core.paginator import Paginator

        threads = selectors.group_threads(
            group=group_obj, user=request.user, include_hidden=moderator
        )
        paginator = Paginator(threads, selectors.THREADS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        for thread in page_obj.object_list:
            thread.unread = selectors.thread_is_unread(thread)
        context.update(
            page_obj=page_obj,
            page_range=list(paginator.get_elided_page_range(page_obj.number, on_each_side=2)),
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
    group_obj = _group_or_404(request, group)
    try:
        membership = services.group_join(group=group_obj, user=request.user)
    except services.CommunityError as error:
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
    group_obj = _group_or_404(request, group)
    services.group_leave(group=group_obj, user=request.user)
    messages.success(request, _("You left %(group)s.") % {"group": group_obj.name})
    return redirect(group_obj)


@login_required
@require_POST
def membership_decide(request, group: str, membership_id: int):
    group_obj = _group_or_404(request, group)
    membership = get_object_or_404(Membership, pk=membership_id, group=group_obj)
    if not selectors.is_group_moderator(request.user, group_obj):
        raise PermissionDenied
    services.membership_decide(
        membership=membership, moderator=request.user, approve=request.POST.get("approve") == "1"
    )
    messages.success(request, _("Done."))
    return redirect(group_obj)


# --- Threads and posts ----------------------------------------------------------------------


def _crisis_preview_needed(request, *texts) -> bool:
    return request.POST.get("action") == "preview" or (
        mentions_crisis(*texts) and request.POST.get("confirmed") != "1"
    )


@login_required
def thread_create(request, group: str):
    group_obj = _readable_group_or_404(request, group)
    if not selectors.can_post_in_group(request.user, group_obj):
        messages.error(request, _("Join the group to start a discussion."))
        return redirect(group_obj)
    form = ThreadForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        title, body = form.cleaned_data["title"], form.cleaned_data["body"]
        if _crisis_preview_needed(request, title, body):
            preview = {"html": render_user(body), "crisis": mentions_crisis(title, body)}
        else:
            try:
                thread = services.thread_create(
                    group=group_obj,
                    author=request.user,
                    title=title,
                    body=body,
                    ip=client_ip(request),
                )
            except services.CommunityError as error:
                _add_error(form, error)
            else:
                if thread.is_held:
                    messages.info(
                        request,
                        _(
                            "Thank you. As a new member, your first post is checked by a "
                            "moderator before others can see it."
                        ),
                    )
                return redirect(thread)
    return render(
        request,
        "community/thread_form.html",
        {"group": group_obj, "form": form, "preview": preview},
    )


def thread_detail(request, group: str, thread_id: int, slug: str):
    group_obj = _readable_group_or_404(request, group)
    thread = _thread_or_404(request, thread_id, group_obj)
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
        services.thread_mark_read(thread=thread, user=request.user, number=posts[-1].number)
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
def thread_reply(request, group: str, thread_id: int, slug: str):
    group_obj = _readable_group_or_404(request, group)
    thread = _thread_or_404(request, thread_id, group_obj)
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
        if _crisis_preview_needed(request, body):
            preview = {"html": render_user(body), "crisis": mentions_crisis(body)}
        else:
            try:
                post = services.post_reply(
                    thread=thread,
                    author=request.user,
                    body=body,
                    quote_of=quote,
                    ip=client_ip(request),
                )
            except PermissionDenied:
                messages.error(request, _("Join the group to reply."))
                return redirect(group_obj)
            except services.CommunityError as error:
                _add_error(form, error)
            else:
                if post.status == Post.Status.HELD:
                    messages.info(
                        request,
                        _(
                            "Thank you. As a new member, your first post is checked by a "
                            "moderator before others can see it."
                        ),
                    )
                return _redirect_to_post(post)
    return render(
        request,
        "community/reply_form.html",
        {"group": group_obj, "thread": thread, "form": form, "preview": preview, "quote": quote},
    )


def _redirect_to_post(post: Post):
    thread = post.thread
    url = thread.get_absolute_url()
    page = selectors.page_of_post(post)
    if page > 1:
        url += f"?page={page}"
    return HttpResponseRedirect(f"{url}#post-{post.number}")


def post_link(request, post_id: int):
    """A permanent link to one post: redirects to its page and anchor."""
    post = _post_or_404(request, post_id)
    return _redirect_to_post(post)


@login_required
def post_edit(request, post_id: int):
    post = _post_or_404(request, post_id)
    if request.user.pk != post.author_id and not selectors.is_group_moderator(
        request.user, post.thread.group
    ):
        raise PermissionDenied
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(post=post, editor=request.user, body=form.cleaned_data["body"])
        except services.CommunityError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return _redirect_to_post(post)
    return render(request, "community/post_edit.html", {"post": post, "form": form})


def post_history(request, post_id: int):
    post = _post_or_404(request, post_id)
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
    post = _post_or_404(request, post_id)
    if request.user.pk != post.author_id:
        raise PermissionDenied
    if request.method == "POST":
        outcome = services.post_delete(post=post, user=request.user)
        messages.success(request, _("Your post was deleted."))
        if outcome == "thread":
            return redirect(post.thread.group)
        return HttpResponseRedirect(post.thread.get_absolute_url())
    return render(request, "community/post_delete.html", {"post": post})


@login_required
def post_report(request, post_id: int):
    post = _post_or_404(request, post_id)
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
            services.report_create(
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                ip=client_ip(request),
                **form_target,
            )
        except services.CommunityError as error:
            _add_error(form, error)
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


# --- Follows and unsubscribe ----------------------------------------------------------------


def _follow_change(request):
    thread = group = None
    if request.POST.get("thread"):
        thread = _thread_or_404(request, int(request.POST["thread"]))
        back = thread.get_absolute_url()
    else:
        group = _readable_group_or_404(request, request.POST.get("group", ""))
        back = group.get_absolute_url()
    if request.POST.get("stop") == "1":
        existing = selectors.follow_for(request.user, thread=thread, group=group)
        if existing:
            services.follow_remove(follow=existing)
        messages.success(request, _("You will no longer get emails about this."))
        return HttpResponseRedirect(back)
    form = FollowForm(request.POST)
    frequency = form.cleaned_data["frequency"] if form.is_valid() else "immediate"
    services.follow_set(user=request.user, thread=thread, group=group, frequency=frequency)
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
    follow_obj = services.follow_from_token(token)
    if request.method == "POST":
        if follow_obj is not None:
            services.follow_remove(follow=follow_obj)
        return render(request, "community/unsubscribed.html", {"done": True})
    if follow_obj is None:
        return render(request, "community/unsubscribed.html", {"done": True}, status=200)
    return render(request, "community/unsubscribe.html", {"follow": follow_obj, "token": token})


# --- Moderation -----------------------------------------------------------------------------


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
    group = report.post.thread.group if report.post_id else None
    if group is not None:
        allowed = selectors.is_group_moderator(request.user, group)
    else:
        allowed = selectors.is_site_moderator(request.user)
    if not allowed:
        raise PermissionDenied
    form = ReportDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_resolve(
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
        services.post_hide(post=post, moderator=request.user, reason=reason)
    elif action == "restore":
        services.post_restore(post=post, moderator=request.user, reason=reason)
    elif action == "approve":
        services.post_approve(post=post, moderator=request.user)
    else:
        raise Http404
    messages.success(request, _("Done."))
    target = request.POST.get("next", "")
    if target == "queue":
        return redirect("community:moderation_queue")
    return _redirect_to_post(post)


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
            services.thread_lock(
                thread=thread, moderator=request.user, locked=action == "lock", reason=reason
            )
            messages.success(request, _("Done."))
            return HttpResponseRedirect(thread.get_absolute_url())
        if action == "move" and site and move_form.is_valid():
            services.thread_move(
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
            services.member_suspend(
                member=member,
                moderator=request.user,
                days=form.cleaned_data["days"],
                reason=form.cleaned_data["reason"],
            )
        except services.CommunityError as error:
            _add_error(form, error)
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
        services.group_decide(
            group=get_object_or_404(SupportGroup, pk=pk), moderator=request.user, approve=approve
        )
    elif kind == "expert":
        services.expert_verify(
            profile=get_object_or_404(ExpertProfile, pk=pk), moderator=request.user, approve=approve
        )
    elif kind == "question" and approve:
        services.question_approve(
            question=get_object_or_404(Question, pk=pk), moderator=request.user
        )
    else:
        raise Http404
    messages.success(request, _("Done."))
    return redirect("community:moderation_queue")


# --- Experts, questions, answers, perspectives ----------------------------------------------


def experts(request):
    return render(request, "community/experts.html", {"experts": selectors.verified_experts()})


@login_required
def expert_apply(request):
    profile = ExpertProfile.objects.filter(user=request.user).first()
    initial = (
        {
            f: getattr(profile, f)
            for f in ("name", "credentials", "specialty", "organisation", "bio")
        }
        if profile
        else None
    )
    form = ExpertProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.expert_apply(user=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. Staff will check your details."))
        return redirect("community:experts")
    return render(request, "community/expert_apply.html", {"form": form, "profile": profile})


def answers_index(request):
    topics = Topic.objects.all()
    return render(
        request,
        "community/answers_index.html",
        {"topics": topics, "answered": selectors.answered_questions(limit=20)},
    )


def topic_detail(request, topic: str):
    topic_obj = get_object_or_404(Topic, slug=topic)
    from django.core.paginator import Paginator

    paginator = Paginator(selectors.answered_questions(topic=topic_obj), 20)
    page_obj = paginator.get_page(request.GET.get("page"))
    open_questions = Question.objects.filter(
        topic=topic_obj, status=Question.Status.PUBLISHED, is_answered=False
    ).select_related("topic")[:20]
    return render(
        request,
        "community/topic_detail.html",
        {
            "topic": topic_obj,
            "page_obj": page_obj,
            "page_range": list(paginator.get_elided_page_range(page_obj.number, on_each_side=2)),
            "open_questions": open_questions,
        },
    )


@login_required
def question_ask(request):
    form = QuestionForm(request.POST or None, initial={"topic": request.GET.get("topic")})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _crisis_preview_needed(request, data["title"], data["body"]):
            preview = {
                "html": render_user(data["body"]),
                "crisis": mentions_crisis(data["title"], data["body"]),
            }
        else:
            try:
                question = services.question_ask(
                    topic=data["topic"],
                    asker=request.user,
                    title=data["title"],
                    body=data["body"],
                    ip=client_ip(request),
                )
            except services.CommunityError as error:
                _add_error(form, error)
            else:
                if question.status == Question.Status.HELD:
                    messages.info(
                        request,
                        _(
                            "Thank you. As a new member, your first question is checked by a "
                            "moderator before experts see it."
                        ),
                    )
                return redirect(question)
    return render(request, "community/question_form.html", {"form": form, "preview": preview})


def question_detail(request, topic: str, question_id: int, slug: str):
    question = get_object_or_404(
        Question.objects.select_related("topic", "asker"), pk=question_id, topic__slug=topic
    )
    site = selectors.is_site_moderator(request.user)
    own = request.user.is_authenticated and question.asker_id == request.user.pk
    if question.status != Question.Status.PUBLISHED and not (site or own):
        raise Http404
    if slug != question.slug:
        return HttpResponseRedirect(question.get_absolute_url())
    is_expert = selectors.is_verified_expert(request.user)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if not is_expert:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.answer_create(
                    question=question, expert=request.user, body=form.cleaned_data["body"]
                )
            except services.CommunityError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("Your answer is published."))
                return redirect(question)
    return render(
        request,
        "community/question_detail.html",
        {
            "question": question,
            "answers": selectors.question_answers(question, moderator=site),
            "is_expert": is_expert,
            "is_asker": own,
            "form": form,
        },
    )


@login_required
@require_POST
def answer_mark_helpful(request, answer_id: int):
    answer = get_object_or_404(Answer.objects.select_related("question__topic"), pk=answer_id)
    try:
        services.answer_mark_helpful(answer=answer, user=request.user)
    except services.CommunityError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Thank you. The answer is marked as most helpful."))
    return redirect(answer.question)


def perspectives(request):
    from django.core.paginator import Paginator

    paginator = Paginator(selectors.published_perspectives(), 12)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "community/perspectives.html",
        {
            "page_obj": page_obj,
            "page_range": list(paginator.get_elided_page_range(page_obj.number, on_each_side=2)),
            "is_expert": selectors.is_verified_expert(request.user),
        },
    )


def perspective_detail(request, slug: str):
    perspective = get_object_or_404(
        Perspective.objects.published().select_related("expert__expert_profile", "topic"),
        slug=slug,
    )
    return render(request, "community/perspective_detail.html", {"perspective": perspective})


@login_required
def perspective_create(request):
    if not selectors.is_verified_expert(request.user):
        return render(request, "community/not_allowed.html", {"reason": "expert"})
    form = PerspectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        perspective = services.perspective_publish(expert=request.user, **form.cleaned_data)
        return redirect(perspective)
    return render(request, "community/perspective_form.html", {"form": form})
