"""Community URLs, mounted at /community/. Fixed paths come before `<group>/`; group slugs
may not take these names (models.RESERVED_SLUGS)."""

from django.urls import path

from community import feeds
from community.views import experts, follows, groups, moderation, threads

app_name = "community"

urlpatterns = [
    path("", groups.index, name="index"),
    path("feed/", feeds.LatestThreadsFeed(), name="feed"),
    path("groups/new/", groups.group_propose, name="group_propose"),
    # Posts
    path("posts/<int:post_id>/", threads.post_link, name="post_link"),
    path("posts/<int:post_id>/edit/", threads.post_edit, name="post_edit"),
    path("posts/<int:post_id>/history/", threads.post_history, name="post_history"),
    path("posts/<int:post_id>/delete/", threads.post_delete, name="post_delete"),
    path("posts/<int:post_id>/report/", moderation.post_report, name="post_report"),
    path("reports/", moderation.my_reports, name="my_reports"),
    # Follows
    path("follows/", follows.follows, name="follows"),
    path("unsubscribe/<str:token>/", follows.unsubscribe, name="unsubscribe"),
    # Moderation
    path("moderation/", moderation.moderation_queue, name="moderation_queue"),
    path("moderation/log/", moderation.moderation_log, name="moderation_log"),
    path(
        "moderation/reports/<int:report_id>/",
        moderation.moderation_report,
        name="moderation_report",
    ),
    path(
        "moderation/posts/<int:post_id>/<str:action>/",
        moderation.moderation_post,
        name="moderation_post",
    ),
    path(
        "moderation/threads/<int:thread_id>/",
        moderation.moderation_thread,
        name="moderation_thread",
    ),
    path(
        "moderation/members/<int:user_id>/suspend/", moderation.moderation_suspend, name="suspend"
    ),
    path("moderation/<str:kind>/<int:pk>/", moderation.moderation_decide, name="moderation_decide"),
    # Experts and "Get Answers"
    path("experts/", experts.experts, name="experts"),
    path("experts/apply/", experts.expert_apply, name="expert_apply"),
    path("answers/", experts.answers_index, name="answers_index"),
    path("answers/ask/", experts.question_ask, name="question_ask"),
    path(
        "answers/answer/<int:answer_id>/helpful/",
        experts.answer_mark_helpful,
        name="answer_mark_helpful",
    ),
    path("answers/answer/<int:answer_id>/report/", moderation.answer_report, name="answer_report"),
    path("answers/<slug:topic>/", experts.topic_detail, name="topic_detail"),
    path(
        "answers/<slug:topic>/<int:question_id>-<slug:slug>/",
        experts.question_detail,
        name="question_detail",
    ),
    # Second Opinion
    path("perspectives/", experts.perspectives, name="perspectives"),
    path("perspectives/new/", experts.perspective_create, name="perspective_create"),
    path("perspectives/<slug:slug>/", experts.perspective_detail, name="perspective_detail"),
    # Groups and discussions
    path("<slug:group>/", groups.group_detail, name="group_detail"),
    path("<slug:group>/join/", groups.group_join, name="group_join"),
    path("<slug:group>/leave/", groups.group_leave, name="group_leave"),
    path(
        "<slug:group>/requests/<int:membership_id>/",
        groups.membership_decide,
        name="membership_decide",
    ),
    path("<slug:group>/new/", threads.thread_create, name="thread_create"),
    path(
        "<slug:group>/<int:thread_id>-<slug:slug>/",
        threads.thread_detail,
        name="thread_detail",
    ),
    path(
        "<slug:group>/<int:thread_id>-<slug:slug>/reply/",
        threads.thread_reply,
        name="thread_reply",
    ),
]
