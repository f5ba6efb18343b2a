"""Experts and "Get Answers": expert list and applications, topics, questions and
answers, and Second Opinion perspectives."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import selectors
from community.forms import AnswerForm, ExpertProfileForm, PerspectiveForm, QuestionForm
from community.models.experts import Answer, ExpertProfile, Perspective, Question, Topic
from community.safety import mentions_crisis
from community.services import experts as expert_services
from community.services.rules import CommunityError
from community.views.common import add_form_errors, crisis_preview_needed
from healthsite.idempotency import submit_once
from healthsite.paginate import paginate
from healthsite.ratelimit import client_ip
from healthsite.text import render_user


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
        expert_services.expert_apply(user=request.user, **form.cleaned_data)
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
    page_obj, page_range, query = paginate(
        request, selectors.answered_questions(topic=topic_obj), 20
    )
    open_questions = Question.objects.filter(
        topic=topic_obj, status=Question.Status.PUBLISHED, is_answered=False
    ).select_related("topic")[:20]
    return render(
        request,
        "community/topic_detail.html",
        {
            "topic": topic_obj,
            "page_obj": page_obj,
            "page_range": page_range,
            "query": query,
            "open_questions": open_questions,
        },
    )


@login_required
@submit_once
def question_ask(request):
    form = QuestionForm(request.POST or None, initial={"topic": request.GET.get("topic")})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if crisis_preview_needed(request, data["title"], data["body"]):
            preview = {
                "html": render_user(data["body"]),
                "crisis": mentions_crisis(data["title"], data["body"]),
            }
        else:
            try:
                question = expert_services.question_ask(
                    topic=data["topic"],
                    asker=request.user,
                    title=data["title"],
                    body=data["body"],
                    ip=client_ip(request),
                )
            except CommunityError as error:
                add_form_errors(form, error)
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


@submit_once
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
                expert_services.answer_create(
                    question=question, expert=request.user, body=form.cleaned_data["body"]
                )
            except CommunityError as error:
                add_form_errors(form, error)
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
        expert_services.answer_mark_helpful(answer=answer, user=request.user)
    except CommunityError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Thank you. The answer is marked as most helpful."))
    return redirect(answer.question)


def perspectives(request):
    page_obj, page_range, query = paginate(request, selectors.published_perspectives(), 12)
    return render(
        request,
        "community/perspectives.html",
        {
            "page_obj": page_obj,
            "page_range": page_range,
            "query": query,
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
@submit_once
def perspective_create(request):
    if not selectors.is_verified_expert(request.user):
        return render(request, "community/not_allowed.html", {"reason": "expert"})
    form = PerspectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        perspective = expert_services.perspective_publish(expert=request.user, **form.cleaned_data)
        return redirect(perspective)
    return render(request, "community/perspective_form.html", {"form": form})
