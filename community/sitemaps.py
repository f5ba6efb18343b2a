"""Public community pages for sitemap.xml: never private groups or their threads."""

from django.contrib.sitemaps import Sitemap

from community.models import Perspective, Question, SupportGroup, Thread


class GroupSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return SupportGroup.objects.public().order_by("pk")


class ThreadSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4
    limit = 5000

    def items(self):
        return Thread.objects.public().select_related("group").order_by("pk")

    def lastmod(self, item):
        return item.last_post_at


class QuestionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Question.objects.answered().select_related("topic").order_by("pk")


class PerspectiveSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Perspective.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.published_at


SITEMAPS = {
    "community-groups": GroupSitemap,
    "community-threads": ThreadSitemap,
    "community-answers": QuestionSitemap,
    "community-perspectives": PerspectiveSitemap,
}
