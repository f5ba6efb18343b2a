"""Reader preferences kept in cookies (no account needed): the text size."""

FONT_SIZE_COOKIE = "font_size"
FONT_SIZES = ("normal", "large", "larger")
FONT_SIZE_MAX_AGE = 365 * 24 * 60 * 60


def font_size_from_request(request) -> str:
    value = request.COOKIES.get(FONT_SIZE_COOKIE, "normal")
    return value if value in FONT_SIZES else "normal"
