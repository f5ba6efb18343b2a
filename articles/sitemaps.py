"""Sitemap entries: published articles (each page), health centers, consumer conditions
(the ICD-10-CM vocabulary is not listed: its pages redirect or are bare codes)."""

from django.contrib.sitemaps import Sitemap

from articles.models import Article, Condition, HealthCenter


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        entries = []
        articles = Article.objects.published().prefetch_related("pages").order_by("slug")
        for article in articles:
            for page in article.pages.all():
                entries.append((article, page.position))
        return entries

    def location(self, item):
        article, position = item
        url = article.get_absolute_url()
        return url if position == 1 else f"{url}{position}/"

    def lastmod(self, item):
        return item[0].updated_at


class HealthCenterSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return HealthCenter.objects.order_by("slug")

    def lastmod(self, item):
        return item.updated_at


class ConditionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Condition.objects.consumer().only("slug").order_by("slug")


SITEMAPS = {
    "articles": ArticleSitemap,
    "health-centers": HealthCenterSitemap,
    "conditions": ConditionSitemap,
}
