"""Signed tokens for links in recall emails (the helpers are the newsletter's)."""

from __future__ import annotations

from newsletter.tokens import make_token, read_token

__all__ = ["RECALL_UNSUBSCRIBE", "make_token", "read_token"]

RECALL_UNSUBSCRIBE = "mymedicine.recall-alerts.unsubscribe"
