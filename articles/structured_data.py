"""Schema.org JSON-LD for article and condition pages (rendered by `{% json_ld data %}`)."""

from __future__ import annotations

from django.conf import settings


def _person(contributor) -> dict | None:
    if contributor is None:
        return None
    data = {"@type": "Person", "name": contributor.name}
    if contributor.credentials:
        data["honorificSuffix"] = contributor.credentials
    if contributor.role:
        data["jobTitle"] = contributor.role
    return data


def article_json_ld(article, *, page_url: str) -> dict:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "url": page_url,
        "inLanguage": "en",
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
    }
    if article.publish_at:
        data["datePublished"] = article.publish_at.isoformat()
    data["dateModified"] = article.updated_at.isoformat()
    if article.last_reviewed_on:
        data["lastReviewed"] = article.last_reviewed_on.isoformat()
    reviewer = _person(article.medical_reviewer)
    if reviewer:
        data["reviewedBy"] = reviewer
    author = _person(article.author)
    if author:
        data["author"] = author
    conditions = list(article.conditions.all())
    if conditions:
        data["about"] = [
            {
                "@type": "MedicalCondition",
                "name": c.name,
                "url": settings.SITE_URL + c.get_absolute_url(),
            }
            for c in conditions
        ]
    if article.hero_image_id:
        data["image"] = settings.SITE_URL + article.hero_image.src
    return data


def condition_json_ld(condition, *, url: str) -> dict:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "MedicalCondition",
        "name": condition.name,
        "url": url,
    }
    if condition.synonyms:
        data["alternateName"] = list(condition.synonyms)
    if condition.summary:
        data["description"] = condition.summary
    codes = list(condition.icd10_codes or []) or (
        [condition.icd10_code] if condition.icd10_code else []
    )
    if codes:
        entries = [{"@type": "MedicalCode", "code": c, "codingSystem": "ICD-10-CM"} for c in codes]
        data["code"] = entries[0] if len(entries) == 1 else entries
    return data
