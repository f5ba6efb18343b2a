"""Atom feed of newly published articles (drafts and scheduled ones never appear)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from articles.selectors import articles_for_feed


class NewArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = _("New articles on Healthsite")
    subtitle = _("Plain-language health articles, newest first.")
    link = "/health-centers/"

    def items(self):
        return articles_for_feed()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.name if item.author else settings.SITE_NAME
