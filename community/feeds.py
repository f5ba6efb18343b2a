"""RSS of the latest discussions in public groups (never private groups)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from community.models import Thread


class LatestThreadsFeed(Feed):
    title = _("Latest community discussions")
    link = reverse_lazy("community:index")
    description = _("New discussions in public support groups.")

    def items(self):
        return (
            Thread.objects.public()
            .select_related("group")
            .with_opening_post()
            .order_by("-created_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.opening_posts[0].body_html if item.opening_posts else ""

    def item_pubdate(self, item):
        return item.created_at
