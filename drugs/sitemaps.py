"""Drug pages and their reviews pages for sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from drugs.models import Drug


class DrugSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 5000

    def items(self):
        return Drug.objects.published().only("slug", "updated_at").order_by("name", "pk")

    def lastmod(self, drug: Drug):
        return drug.updated_at


class DrugReviewsSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4
    limit = 5000

    def items(self):
        return (
            Drug.objects.published()
            .filter(reviews__status="published")
            .distinct()
            .only("slug", "updated_at")
            .order_by("name", "pk")
        )

    def location(self, drug: Drug) -> str:
        return reverse("drugs:reviews", args=[drug.slug])


SITEMAPS = {"drugs": DrugSitemap, "drug-reviews": DrugReviewsSitemap}
