"""The site search page: /search/?q=...&kind=...&page=..."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_safe

from search.query import MAX_QUERY_CHARS
from search.selectors import site_search


@require_safe
def results(request):
    query = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    context = {"query": query[:MAX_QUERY_CHARS], "results": None}
    if query.strip():
        results = site_search(query=query, kind=kind or None, page=request.GET.get("page"))
        base = {"q": results.query}
        if results.kind:
            base["kind"] = results.kind
        context.update(
            query=results.query,
            results=results,
            page_query=urlencode(base),
            all_kinds_query=urlencode({"q": results.query}),
        )
    return render(request, "search/results.html", context)
