"""The newsletter page and past editions for sitemap.xml."""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from .models import Edition


class NewsletterSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self) -> list[str]:
        return ["newsletter:index"]

    def location(self, item: str) -> str:
        return reverse(item)


class EditionSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.3

    def items(self) -> QuerySet[Edition]:
        return Edition.objects.published().order_by("-sent_at")

    def lastmod(self, edition: Edition) -> datetime | None:
        return edition.sent_at


SITEMAPS = {"newsletter-page": NewsletterSitemap, "newsletter": EditionSitemap}
