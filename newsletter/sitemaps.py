"""The newsletter page and past editions for sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Edition


class NewsletterSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return ["newsletter:index"]

    def location(self, item):
        return reverse(item)


class EditionSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.3

    def items(self):
        return Edition.objects.published().order_by("-sent_at")

    def lastmod(self, edition):
        return edition.sent_at


SITEMAPS = {"newsletter-page": NewsletterSitemap, "newsletter": EditionSitemap}
