"""Numbered pagination for every listing, matching components/pagination.html."""

import re

from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404, HttpRequest

_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def paginate(request: HttpRequest, object_list, per_page: int) -> tuple[Page, list, str]:
    """Return (page_obj, page_range, query) for `?page=N` on this request.

    `page_range` is the elided range (with Paginator.ELLIPSIS) and `query` is the
    request's query string without `page`, ready for the pagination component. A page
    number that is not a plain positive number, or is past the last page, raises Http404.
    """
    raw = request.GET.get("page", "1")
    if not _PAGE_NUMBER.fullmatch(raw):
        raise Http404("No such page")
    paginator = Paginator(object_list, per_page)
    try:
        page_obj = paginator.page(int(raw))
    except EmptyPage as error:
        raise Http404("No such page") from error
    page_range = list(paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))
    params = request.GET.copy()
    params.pop("page", None)
    return page_obj, page_range, params.urlencode()
