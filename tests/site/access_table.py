"""Who may use each URL of the site: one declaration per URL name (issue 16, item 3).

`tests/site/test_access_matrix.py` requests every URL in the URLconf as five visitors
(anonymous, member B, member A who owns the objects in `hostile_world`, a group moderator,
staff), by GET and by POST, and checks the outcome against the declaration here. A URL
without a declaration fails that test with its name: add a line below when you add a view.

Levels, by who is let in:

- PUBLIC: everyone.
- SIGNED_IN: any signed-in member; anonymous visitors are sent to log in.
- OWNER: member A only (plus the roles in `also`: a group moderator and staff may read and
  edit posts in their groups); anyone else is refused (403 or 404), anonymous visitors are
  sent to log in (or get the 404 in `anonymous`, for content in a private group).
- MODERATOR: group moderators and staff.
- STAFF: staff only.

`get` and `post` are the statuses for those let in (a GET of a POST-only action is 405; a
POST with an empty form re-renders it with errors, 200, or acts and redirects, 302);
`per_role` overrides them for one role, as `(get, post)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PUBLIC = "public"
SIGNED_IN = "signed-in"
OWNER = "owner-only"
MODERATOR = "moderator"
STAFF = "staff"
LOGIN = "login"  # a redirect to the login page

ADMITTED = {
    PUBLIC: {"anonymous", "other", "owner", "moderator", "staff"},
    SIGNED_IN: {"other", "owner", "moderator", "staff"},
    OWNER: {"owner"},
    MODERATOR: {"moderator", "staff"},
    STAFF: {"staff"},
}


@dataclass(frozen=True)
class Access:
    level: str
    get: int = 200
    post: int = 200
    also: tuple[str, ...] = ()
    anonymous: int | str = LOGIN
    per_role: dict[str, tuple[int, int]] = field(default_factory=dict)

    def admits(self, role: str) -> bool:
        return role in ADMITTED[self.level] or role in self.also


POST_ONLY: dict[str, Any] = {"get": 405, "post": 302}
READ_ONLY: dict[str, Any] = {"post": 405}
IN_PRIVATE_GROUP: dict[str, Any] = {"also": ("moderator", "staff"), "anonymous": 404}

ACCESS: dict[str, Access] = {
    # Site pages
    "home": Access(PUBLIC),
    "healthz": Access(PUBLIC, **READ_ONLY),
    "robots_txt": Access(PUBLIC, **READ_ONLY),
    "django.contrib.sitemaps.views.sitemap": Access(PUBLIC),
    "font_size": Access(PUBLIC, get=302, post=405),  # GET sets the preference and goes back
    "about": Access(PUBLIC),
    "privacy": Access(PUBLIC),
    "accessibility": Access(PUBLIC),
    "disclaimer": Access(PUBLIC),
    "terms": Access(PUBLIC),
    "styleguide": Access(PUBLIC),
    "search:results": Access(PUBLIC, **READ_ONLY),
    "media": Access(PUBLIC, get=404, post=404),  # uploaded files; none in this world
    # Accounts: the sign-up and password pages serve anyone; a link with a bad token is a 400
    "accounts:signup": Access(PUBLIC),
    "accounts:signup_done": Access(PUBLIC),
    "accounts:confirm_resend": Access(PUBLIC),
    "accounts:confirm": Access(PUBLIC, get=400, post=400),
    "accounts:login": Access(PUBLIC),
    "accounts:logout": Access(PUBLIC, get=405, post=302),
    "accounts:password_reset": Access(PUBLIC),
    "accounts:password_reset_done": Access(PUBLIC, **READ_ONLY),
    "accounts:password_reset_complete": Access(PUBLIC, **READ_ONLY),
    "accounts:password_reset_confirm": Access(PUBLIC),
    "accounts:password_change": Access(SIGNED_IN),
    "accounts:profile": Access(SIGNED_IN),
    "accounts:email_change": Access(SIGNED_IN),
    "accounts:email_change_cancel": Access(SIGNED_IN, **POST_ONLY),
    "accounts:email_change_confirm": Access(PUBLIC, get=400, post=400),
    "accounts:export": Access(SIGNED_IN, **READ_ONLY),  # each member's own data only
    "accounts:delete": Access(SIGNED_IN),
    # Articles
    "articles:health_center_list": Access(PUBLIC),
    "articles:health_center_detail": Access(PUBLIC),
    "articles:article_detail": Access(PUBLIC),
    "articles:article_page": Access(PUBLIC),
    "articles:condition_list": Access(PUBLIC),
    "articles:condition_detail": Access(PUBLIC),
    "articles:tag_detail": Access(PUBLIC),
    "articles:feed": Access(PUBLIC),
    # Drugs and reviews
    "drugs:index": Access(PUBLIC, **READ_ONLY),
    "drugs:detail": Access(PUBLIC, **READ_ONLY),
    "drugs:class": Access(PUBLIC, **READ_ONLY),
    "drugs:reviews": Access(PUBLIC, **READ_ONLY),
    # An empty review form without its one-time submission token is refused (400).
    "drugs:review_write": Access(SIGNED_IN, post=400),
    "drugs:helpful": Access(SIGNED_IN, **POST_ONLY),
    "drugs:report": Access(SIGNED_IN),
    "drugs:hide": Access(STAFF, **POST_ONLY),
    "drugs:suggest": Access(PUBLIC, **READ_ONLY),
    # No supplement in this world (its drug is a prescription drug): 404 to everyone.
    "drugs:supplement_products": Access(PUBLIC, get=404, post=405),
    "drugs:supplement_product": Access(PUBLIC, get=404, post=405),
    # Newsletter: token links are the key; a bad one is refused
    "newsletter:index": Access(PUBLIC),
    "newsletter:confirm": Access(PUBLIC, get=400, post=400),
    "newsletter:unsubscribe": Access(PUBLIC, get=200, post=404),
    "newsletter:edition": Access(PUBLIC),
    # Interactions and pills: the JSON APIs ask for their parameters (400 without them)
    "interactions:checker": Access(PUBLIC),
    "interactions:checker_print": Access(PUBLIC),
    "interactions:checker_json": Access(PUBLIC, get=400, post=405),
    "pills:identify": Access(PUBLIC, **READ_ONLY),
    "pills:picture": Access(PUBLIC, **READ_ONLY),
    "pills:api": Access(PUBLIC, get=400, post=405),
    # My Medicine: a member's own lists; nobody else, not even staff, sees a profile
    "mymedicine:index": Access(SIGNED_IN),
    "mymedicine:profile_add": Access(SIGNED_IN),
    "mymedicine:profile": Access(OWNER),
    "mymedicine:profile_edit": Access(OWNER),
    "mymedicine:profile_delete": Access(OWNER, post=302),
    "mymedicine:profile_print": Access(OWNER),
    "mymedicine:profile_alerts": Access(OWNER, **POST_ONLY),
    "mymedicine:medicine_remove": Access(OWNER, **POST_ONLY),
    "mymedicine:save": Access(SIGNED_IN),
    "mymedicine:alerts": Access(SIGNED_IN),
    "mymedicine:recall_unsubscribe": Access(PUBLIC),  # the signed token is the key
    # Community (the world's thread is A's, in a private group A belongs to)
    "community:index": Access(PUBLIC),
    "community:feed": Access(PUBLIC),
    "community:group_propose": Access(SIGNED_IN),
    "community:post_link": Access(OWNER, get=302, post=302, **IN_PRIVATE_GROUP),
    "community:post_edit": Access(OWNER, also=("moderator", "staff")),
    "community:post_history": Access(OWNER, **IN_PRIVATE_GROUP),
    "community:post_delete": Access(OWNER, post=302),
    "community:post_report": Access(OWNER, also=("moderator", "staff")),
    "community:my_reports": Access(SIGNED_IN),
    "community:follows": Access(SIGNED_IN, post=400),  # an empty follow form is a 400
    "community:unsubscribe": Access(PUBLIC),  # the signed token is the key
    # Non-moderators get a page saying there is nothing for them, not the queue.
    "community:moderation_queue": Access(SIGNED_IN),
    "community:moderation_log": Access(SIGNED_IN),
    "community:moderation_report": Access(MODERATOR),
    "community:moderation_post": Access(MODERATOR, **POST_ONLY),
    "community:moderation_thread": Access(MODERATOR),
    "community:suspend": Access(STAFF),  # site moderators only, not group moderators
    "community:moderation_decide": Access(STAFF, **POST_ONLY),
    "community:experts": Access(PUBLIC),
    "community:expert_apply": Access(SIGNED_IN),
    "community:answers_index": Access(PUBLIC),
    "community:question_ask": Access(SIGNED_IN),
    "community:answer_mark_helpful": Access(OWNER, **POST_ONLY),  # the asker
    "community:answer_report": Access(SIGNED_IN),
    "community:topic_detail": Access(PUBLIC),
    "community:question_detail": Access(PUBLIC, post=403),  # only experts answer
    "community:perspectives": Access(PUBLIC),
    "community:perspective_create": Access(SIGNED_IN),  # non-experts see a notice
    "community:perspective_detail": Access(PUBLIC),
    # A private group's page shows its name to all and its threads to members only.
    "community:group_detail": Access(PUBLIC),
    "community:group_join": Access(SIGNED_IN, **POST_ONLY),
    "community:group_leave": Access(SIGNED_IN, **POST_ONLY),
    "community:membership_decide": Access(MODERATOR, **POST_ONLY),
    # Staff may read a private group but are not members, so they are sent to its page.
    "community:thread_create": Access(
        OWNER, also=("moderator", "staff"), per_role={"staff": (302, 302)}
    ),
    "community:thread_detail": Access(OWNER, **IN_PRIVATE_GROUP),
    "community:thread_reply": Access(OWNER, also=("moderator", "staff"), anonymous=LOGIN),
}

# Who may see the private text of `hostile_world.PRIVATE_MARKERS`, by marker kind.
MARKERS_SEEN_BY = {
    "mymedicine": {"owner"},
    "community": {"owner", "moderator", "staff"},
}
