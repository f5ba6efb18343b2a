"""Support groups, discussions, expert answers, second-opinion posts and moderation.

One module per concern; this package re-exports every model so `community.models.X` (and
the app registry) keep working. New code inside community imports from the module itself.

Text written by members is stored twice: the Markdown source (for editing, history and
export) and the sanitised HTML made once on save by `healthsite.text.render_user`.
"""

from community.models.experts import (
    Answer,
    ExpertProfile,
    Perspective,
    PerspectiveQuerySet,
    Question,
    QuestionQuerySet,
    Topic,
)
from community.models.follows import Follow, Frequency, Notification
from community.models.groups import RESERVED_SLUGS, GroupQuerySet, Membership, SupportGroup
from community.models.moderation import ModerationAction, Report, Suspension
from community.models.threads import (
    Post,
    PostQuerySet,
    PostRevision,
    Thread,
    ThreadQuerySet,
    ThreadRead,
)

__all__ = [
    "RESERVED_SLUGS",
    "Answer",
    "ExpertProfile",
    "Follow",
    "Frequency",
    "GroupQuerySet",
    "Membership",
    "ModerationAction",
    "Notification",
    "Perspective",
    "PerspectiveQuerySet",
    "Post",
    "PostQuerySet",
    "PostRevision",
    "Question",
    "QuestionQuerySet",
    "Report",
    "SupportGroup",
    "Suspension",
    "Thread",
    "ThreadQuerySet",
    "ThreadRead",
    "Topic",
]
