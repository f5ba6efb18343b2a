"""The interaction checker page for sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class CheckerSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self) -> list[str]:
        return ["interactions:checker"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"interactions": CheckerSitemap}
