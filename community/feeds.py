"""RSS of the latest discussions in public groups (never private groups)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from community.models import Post, Thread


class LatestThreadsFeed(Feed):
    title = _("Latest community discussions")
    link = reverse_lazy("community:index")
    description = _("New discussions in public support groups.")

    def items(self):
        return Thread.objects.public().select_related("group").order_by("-created_at")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        first = Post.objects.filter(thread=item, number=1, status=Post.Status.PUBLISHED).first()
        return first.body_html if first else ""

    def item_pubdate(self, item):
        return item.created_at
