"""Every community write. Views call these; rules (suspensions, rate limits, trust, held
first posts, duplicate text) are checked here so the admin, commands and tests share them.

One module per concern (groups, threads, follows, moderation, experts) over the shared
checks in `rules`. This package re-exports the public services so `from community import
services` keeps working for other apps; code inside community imports from the module.
"""

from community.services.experts import (
    answer_create,
    answer_hide,
    answer_mark_helpful,
    expert_apply,
    expert_verify,
    perspective_publish,
    question_approve,
    question_ask,
)
from community.services.follows import (
    follow_from_token,
    follow_remove,
    follow_set,
    unsubscribe_token_for,
)
from community.services.groups import (
    group_create,
    group_decide,
    group_join,
    group_leave,
    membership_decide,
)
from community.services.moderation import (
    member_suspend,
    post_approve,
    post_hide,
    post_restore,
    report_create,
    report_resolve,
    thread_lock,
    thread_move,
)
from community.services.rules import DUPLICATE_WINDOW, MAX_BODY, RATE_LIMITS, CommunityError
from community.services.threads import (
    post_delete,
    post_edit,
    post_reply,
    thread_create,
    thread_mark_read,
)

__all__ = [
    "DUPLICATE_WINDOW",
    "MAX_BODY",
    "RATE_LIMITS",
    "CommunityError",
    "answer_create",
    "answer_hide",
    "answer_mark_helpful",
    "expert_apply",
    "expert_verify",
    "follow_from_token",
    "follow_remove",
    "follow_set",
    "group_create",
    "group_decide",
    "group_join",
    "group_leave",
    "member_suspend",
    "membership_decide",
    "perspective_publish",
    "post_approve",
    "post_delete",
    "post_edit",
    "post_hide",
    "post_reply",
    "post_restore",
    "question_approve",
    "question_ask",
    "report_create",
    "report_resolve",
    "thread_create",
    "thread_lock",
    "thread_mark_read",
    "thread_move",
    "unsubscribe_token_for",
]
