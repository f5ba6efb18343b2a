"""Every write My Medicine makes, by concern: `profiles` (profiles and saved medicines) and
`recalls` (recalls matched to our drugs, and readers' alerts). Keyword-only, typed, in
transactions. The names below are the app's write API, importable from `mymedicine.services`.

Interactions are written by `interactions.services`; the newsletter by `newsletter.services`.
"""

from healthsite.upsert import CREATED, UNCHANGED, UPDATED

from ..models import CLOSED_RECALL_STATUSES
from .profiles import (
    delete_all_for_user,
    profile_create,
    profile_delete,
    profile_for_me,
    profile_set_recall_alerts,
    profile_update,
    saved_medicine_add,
    saved_medicine_remove,
)
from .recalls import (
    recall_alert_send,
    recall_alerts_queue,
    recall_alerts_queue_for_profile,
    recall_alerts_unsubscribe,
    recall_matches_set,
    recall_upsert,
)

__all__ = [
    "CLOSED_RECALL_STATUSES",
    "CREATED",
    "UNCHANGED",
    "UPDATED",
    "delete_all_for_user",
    "profile_create",
    "profile_delete",
    "profile_for_me",
    "profile_set_recall_alerts",
    "profile_update",
    "recall_alert_send",
    "recall_alerts_queue",
    "recall_alerts_queue_for_profile",
    "recall_alerts_unsubscribe",
    "recall_matches_set",
    "recall_upsert",
    "saved_medicine_add",
    "saved_medicine_remove",
]
