"""Community URLs, mounted at /community/. Fixed paths come before `<group>/`; group slugs
may not take these names (models.RESERVED_SLUGS)."""

from django.urls import path

from community import feeds, views

app_name = "community"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed/", feeds.LatestThreadsFeed(), name="feed"),
    path("groups/new/", views.group_propose, name="group_propose"),
    # Posts
    path("posts/<int:post_id>/", views.post_link, name="post_link"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:post_id>/history/", views.post_history, name="post_history"),
    path("posts/<int:post_id>/delete/", views.post_delete, name="post_delete"),
    path("posts/<int:post_id>/report/", views.post_report, name="post_report"),
    path("reports/", views.my_reports, name="my_reports"),
    # Follows
    path("follows/", views.follows, name="follows"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # Moderation
    path("moderation/", views.moderation_queue, name="moderation_queue"),
    path("moderation/log/", views.moderation_log, name="moderation_log"),
    path("moderation/reports/<int:report_id>/", views.moderation_report, name="moderation_report"),
    path(
        "moderation/posts/<int:post_id>/<str:action>/",
        views.moderation_post,
        name="moderation_post",
    ),
    path("moderation/threads/<int:thread_id>/", views.moderation_thread, name="moderation_thread"),
    path("moderation/members/<int:user_id>/suspend/", views.moderation_suspend, name="suspend"),
    path("moderation/<str:kind>/<int:pk>/", views.moderation_decide, name="moderation_decide"),
    # Experts and "Get Answers"
    path("experts/", views.experts, name="experts"),
    path("experts/apply/", views.expert_apply, name="expert_apply"),
    path("answers/", views.answers_index, name="answers_index"),
    path("answers/ask/", views.question_ask, name="question_ask"),
    path(
        "answers/answer/<int:answer_id>/helpful/",
        views.answer_mark_helpful,
        name="answer_mark_helpful",
    ),
    path("answers/answer/<int:answer_id>/report/", views.answer_report, name="answer_report"),
    path("answers/<slug:topic>/", views.topic_detail, name="topic_detail"),
    path(
        "answers/<slug:topic>/<int:question_id>-<slug:slug>/",
        views.question_detail,
        name="question_detail",
    ),
    # Second Opinion
    path("perspectives/", views.perspectives, name="perspectives"),
    path("perspectives/new/", views.perspective_create, name="perspective_create"),
    path("perspectives/<slug:slug>/", views.perspective_detail, name="perspective_detail"),
    # Groups and discussions
    path("<slug:group>/", views.group_detail, name="group_detail"),
    path("<slug:group>/join/", views.group_join, name="group_join"),
    path("<slug:group>/leave/", views.group_leave, name="group_leave"),
    path(
        "<slug:group>/requests/<int:membership_id>/",
        views.membership_decide,
        name="membership_decide",
    ),
    path("<slug:group>/new/", views.thread_create, name="thread_create"),
    path(
        "<slug:group>/<int:thread_id>-<slug:slug>/",
        views.thread_detail,
        name="thread_detail",
    ),
    path(
        "<slug:group>/<int:thread_id>-<slug:slug>/reply/",
        views.thread_reply,
        name="thread_reply",
    ),
]
