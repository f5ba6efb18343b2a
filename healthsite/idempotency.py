"""Posting forms act once: a retried submission returns the first result.

A reader whose connection drops after their reply was saved (a worker restarted, the phone
lost signal) sees an error and presses "Post" again. Each posting form carries a random
one-time token (`{% submission_token %}` renders the hidden field); `submit_once` wraps the
view so the first POST with a token records (member, token, where it redirected) in the same
transaction as the write, and a retry with that token is redirected there without writing
again. Two copies arriving at once are serialised by the table's unique (member, token)
constraint: the second one's write is rolled back and it gets the first one's answer.

    @login_required
    @submit_once
    def thread_reply(request, ...): ...
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone

from healthsite.models import SubmittedForm

FIELD = "submission"
# Long enough to cover any retry; rows older than this are deleted as new ones come.
KEEP_FOR = timedelta(days=1)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def submission_token() -> str:
    return secrets.token_urlsafe(24)


def _first_result(*, user, token: str) -> str | None:
    return (
        SubmittedForm.objects.filter(user=user, token=token)
        .values_list("result_url", flat=True)
        .first()
    )


def submit_once(view):
    """Make a posting view act once per form token (see the module's docstring).

    Only POSTs by signed-in members with a well-formed token are tracked; a response other
    than a redirect (a form error, a preview) records nothing, so the form can be sent again.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not (request.user.is_authenticated and _TOKEN.fullmatch(token)):
            return view(request, *args, **kwargs)
        try:
            with transaction.atomic():
                first = _first_result(user=request.user, token=token)
                if first is not None:
                    return redirect(first)
                response = view(request, *args, **kwargs)
                if response.status_code in (301, 302, 303) and response.has_header("Location"):
                    SubmittedForm.objects.create(
                        user=request.user, token=token, result_url=response["Location"]
                    )
                    SubmittedForm.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
                return response
        except IntegrityError:
            # A copy of this submission committed first: this one's write is rolled back.
            first = _first_result(user=request.user, token=token)
            if first is None:
                raise
            return redirect(first)

    return wrapper
