from django.core.paginator import Page, Paginator

DEFAULT_PAGE_SIZE = 25


# Query parameters that shape a list page without filtering it.
NOT_FILTERS = ("page", "sort")


def is_filtered(request) -> bool:
    """Whether the list page was asked for with a filter (the page says "no match" rather
    than "none yet", and offers to clear the filters)."""
    return any(value for key, value in request.GET.items() if key not in NOT_FILTERS)


def paginate(request, queryset, per_page: int = DEFAULT_PAGE_SIZE) -> Page:
    """The requested page (a bad or too large number gives the nearest page, never a 404),
    with `elided_range` for the page links: 1 2 … 7 8 9 … 40 41."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    page.elided_range = page.paginator.get_elided_page_range(page.number)
    return page
