"""Numbered pagination for every listing, matching components/pagination.html."""

import re

from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404, HttpRequest

_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def paginate(
    request: HttpRequest, object_list, per_page: int, *, count: int | None = None
) -> tuple[Page, list, str]:
    """Return (page_obj, page_range, query) for `?page=N` on this request.

    `page_range` is the elided range (with Paginator.ELLIPSIS) and `query` is the
    request's query string without `page`, ready for the pagination component. A page
    number that is not a plain positive number, or is past the last page, raises Http404.
    `count`, when the caller knows it (e.g. from a cached count), saves counting the list.
    """
    raw = request.GET.get("page", "1")
    if not _PAGE_NUMBER.fullmatch(raw):
        raise Http404("No such page")
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    try:
        page_obj = paginator.page(int(raw))
    except EmptyPage as error:
        raise Http404("No such page") from error
    page_range = list(paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))
    params = request.GET.copy()
    params.pop("page", None)
    return page_obj, page_range, params.urlencode()
