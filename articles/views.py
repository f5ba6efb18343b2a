"""Reader pages: health centers, multi-page articles, conditions A-Z, tags."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _

from articles import selectors
from articles.models import Condition
from articles.structured_data import article_json_ld, condition_json_ld
from healthsite import registry
from healthsite.paginate import paginate

CONDITIONS_PER_PAGE = 100
CENTER_ARTICLES_PER_PAGE = 24


def _crumbs(*items: tuple[str, str]) -> list[dict]:
    return [{"text": _("Home"), "href": reverse("home")}] + [
        {"text": text, "href": href} for text, href in items
    ]


def health_center_list(request):
    return render(
        request,
        "articles/health_center_list.html",
        {
            "centers": selectors.health_center_list(),
            "breadcrumbs": _crumbs((_("Health centers"), "")),
        },
    )


def health_center_detail(request, slug: str):
    page = selectors.health_center_page(slug=slug)
    if page is None:
        raise Http404
    breadcrumbs = _crumbs(
        (_("Health centers"), reverse("articles:health_center_list")), (page.center.title, "")
    )
    # A center may hold thousands of articles: a page of them at a time, featured ones first.
    articles, page_range, page_query = paginate(request, page.articles, CENTER_ARTICLES_PER_PAGE)
    return render(
        request,
        "articles/health_center_detail.html",
        {
            "page": page,
            "articles": articles,
            "page_range": page_range,
            "page_query": page_query,
            "breadcrumbs": breadcrumbs,
            # Related drugs, expert perspectives...: what other apps register (`{"template":
            # ..., "context": ..., "order": ...}`, like home page sections).
            "sections": registry.health_center_sections.sections(request, page.center),
        },
    )


def _page_url(article, number: int) -> str:
    base = article.get_absolute_url()
    return base if number == 1 else f"{base}{number}/"


def article_detail(request, slug: str, page: str | None = None):
    """One page of an article; page 1 is the bare URL, `?view=all` shows every page."""
    if page is not None:
        if not page.isdigit():
            raise Http404
        number = int(page)
    else:
        number = 1
    article = selectors.article_for_reader(slug=slug, user=request.user)
    if article is None:
        raise Http404
    pages = list(article.pages.all())
    if number < 1 or number > len(pages):
        raise Http404
    if page is not None and number == 1:
        target = article.get_absolute_url()
        if request.GET:
            target += "?" + request.GET.urlencode()
        return redirect(target, permanent=True)
    show_all = request.GET.get("view") == "all"
    current = pages[number - 1]
    contents = [
        {
            "text": p.title,
            "href": _page_url(article, p.position),
            "current": not show_all and p.position == number,
            "number": p.position,
        }
        for p in pages
    ]
    previous_page = None if show_all or number == 1 else contents[number - 2]
    next_page = None if show_all or number == len(pages) else contents[number]
    breadcrumbs = [
        {"text": _("Home"), "href": reverse("home")},
        {"text": _("Health centers"), "href": reverse("articles:health_center_list")},
    ]
    centers = list(article.health_centers.all())
    if centers:
        breadcrumbs.append({"text": centers[0].title, "href": centers[0].get_absolute_url()})
    breadcrumbs.append({"text": article.title, "href": ""})
    related = selectors.article_related(article=article)
    page_url = settings.SITE_URL + _page_url(article, number)
    context = {
        "article": article,
        "breadcrumbs": breadcrumbs,
        "condition_tags": [
            {"text": c.name, "href": c.get_absolute_url()} for c in article.conditions.all()
        ],
        "topic_tags": [
            {"text": t.name, "href": reverse("articles:tag_detail", args=[t.slug])}
            for t in article.tags.all()
        ],
        "pages": pages,
        "current": current,
        "number": number,
        "show_all": show_all,
        "contents": contents,
        "previous_page": previous_page,
        "next_page": next_page,
        "canonical_path": _page_url(article, number) if not show_all else _page_url(article, 1),
        "related": related,
        "recent": selectors.articles_recent(exclude=[article, *related]),
        "preview": not article.is_public,
        "json_ld": article_json_ld(article, page_url=page_url),
    }
    response = render(request, "articles/article_detail.html", context)
    # Lets caches revalidate with If-Modified-Since (the ETag still decides when both come).
    response.headers["Last-Modified"] = http_date(article.updated_at.timestamp())
    if context["preview"]:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


def condition_list(request):
    """Conditions A-Z: one letter at a time (paginated), or a search within all of them."""
    query = (request.GET.get("q") or "").strip()[:200]
    letter = (request.GET.get("letter") or "").upper()[:1]
    letters = selectors.condition_letters()
    if letter not in {item["letter"] for item in letters}:
        letter = ""
    if query:
        conditions: Sequence[Condition] | QuerySet[Condition] = selectors.condition_search(
            query=query
        )
    else:
        letter = letter or "A"
        conditions = selectors.condition_list(letter=letter)
    page_obj, page_range, query_string = paginate(request, conditions, CONDITIONS_PER_PAGE)
    return render(
        request,
        "articles/condition_list.html",
        {
            "letters": letters,
            "letter": letter,
            "query": query,
            "page_obj": page_obj,
            "page_range": page_range,
            "query_string": query_string,
            "breadcrumbs": _crumbs((_("Conditions A to Z"), "")),
        },
    )


def condition_detail(request, slug: str):
    """A consumer condition's page. An ICD-10-CM entry covered by a consumer condition
    redirects there for good (old links keep working); one no consumer condition covers
    keeps a short honest page: its code and names, and what links to it."""
    condition = selectors.condition_for_page(slug=slug)
    if condition is None:
        raise Http404
    if condition.consumer is not None:
        return redirect(condition.consumer.get_absolute_url(), permanent=True)
    page = selectors.condition_page(condition=condition)
    return render(
        request,
        "articles/condition_detail.html",
        {
            "page": page,
            "condition": condition,
            # Drugs for it, support groups, expert answers: what other apps register.
            "sections": registry.condition_sections.sections(request, condition),
            "breadcrumbs": _crumbs(
                (_("Conditions A to Z"), reverse("articles:condition_list")),
                (condition.name, ""),
            ),
            "json_ld": condition_json_ld(
                condition, url=settings.SITE_URL + condition.get_absolute_url()
            ),
        },
    )


def tag_detail(request, slug: str):
    tag, articles = selectors.articles_with_tag(slug=slug)
    if tag is None or not articles:
        raise Http404
    breadcrumbs = _crumbs(
        (_("Health centers"), reverse("articles:health_center_list")), (tag.name, "")
    )
    return render(
        request,
        "articles/tag_detail.html",
        {"tag": tag, "articles": articles, "breadcrumbs": breadcrumbs},
    )
