"""Hostile text is stored as typed (for the author's edits and export) and shown harmlessly."""

from html.parser import HTMLParser

import pytest

from community import services
from community.models import Post, Thread
from tests.community.factories import join, make_established, make_group

pytestmark = pytest.mark.django_db
IP = "203.0.113.9"

# (name, what a reader types, raw markup that must never reach the page)
HOSTILE = [
    ("script tag", "<script>alert('x')</script>", ["<script"]),
    ("event handler", '<img src="/media/a.png" onerror="alert(1)">', ["<img"]),
    ("svg onload", "<svg onload=alert(1)>", ["<svg"]),
    ("javascript link", "[click me](javascript:alert(1))", ['href="javascript']),
    ("javascript link in html", '<a href="javascript:alert(1)">x</a>', ["<a href"]),
    ("data link", "[x](data:text/html;base64,PHNjcmlwdD4=)", ['href="data']),
    ("style tag", "<style>body{display:none}</style>", ["<style"]),
    ("style attribute", '<p style="position:fixed;top:0">cover</p>', ["<p style"]),
    ("attr_list style", 'hello\n{: style="position:fixed" }', ['style="']),
    ("attr_list class", 'hello\n{: class="site-header" }', ['class="']),
    ("iframe", '<iframe src="https://evil.example"></iframe>', ["<iframe"]),
    ("remote image", "![track](https://evil.example/pixel.png)", ['src="https://evil']),
    ("form", '<form action="https://evil.example"><input></form>', ["<form", "<input"]),
]


ALLOWED_TAGS = {
    "p",
    "a",
    "img",
    "em",
    "strong",
    "b",
    "i",
    "s",
    "blockquote",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "br",
}
ALLOWED_ATTRIBUTES = {"href", "src", "alt", "title", "rel", "width", "height"}


class _Markup(HTMLParser):
    """Collects the real elements and attributes (escaped text is not markup)."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)


def assert_harmless(html: str) -> None:
    markup = _Markup()
    markup.feed(html)
    assert set(markup.tags) <= ALLOWED_TAGS, markup.tags
    for name, value in markup.attributes:
        assert name in ALLOWED_ATTRIBUTES, name
        if name == "href":
            assert value.startswith(("http://", "https://", "mailto:", "/", "#")), value
        if name == "src":
            assert value.startswith("/media/"), value


@pytest.fixture
def author():
    user = make_established()
    return user


@pytest.fixture
def group(author):
    group = make_group()
    join(author, group)
    return group


@pytest.mark.parametrize(("name", "text", "forbidden"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_markup_is_stored_and_shown_harmlessly(
    client, author, group, name, text, forbidden
):
    thread = services.thread_create(
        group=group, author=author, title=f"Test {name}", body=f"Look: {text}", ip=IP
    )
    post = thread.posts.get()
    assert text in post.body  # the source is kept as typed
    assert_harmless(post.body_html)
    page = client.get(thread.get_absolute_url()).content.decode()
    user_part = page.split('class="post__body user-content">', 1)[1].split("</div>", 1)[0]
    assert_harmless(user_part)
    for bad in forbidden:
        assert bad not in post.body_html
        assert bad not in user_part


def test_images_from_our_own_uploads_are_kept(author, group):
    thread = services.thread_create(
        group=group,
        author=author,
        title="Pic",
        body="![my knee](/media/community/knee.png)",
        ip=IP,
    )
    assert 'src="/media/community/knee.png"' in thread.posts.get().body_html


def test_markup_in_titles_is_escaped(client, author, group):
    thread = services.thread_create(
        group=group, author=author, title="<b onmouseover=alert(1)>Hi</b>", body="x", ip=IP
    )
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "<b onmouseover" not in page
    assert "&lt;b onmouseover=alert(1)&gt;Hi&lt;/b&gt;" in page


@pytest.mark.parametrize(
    "trick",
    [
        "\u202e",
        "\u202d",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u200b",
        "\u200e",
        "\ufeff",
        "\u2060",
    ],
)
def test_unicode_direction_and_invisible_tricks_are_removed(author, group, trick):
    thread = services.thread_create(
        group=group, author=author, title=f"Safe{trick}title", body=f"gpj.exe{trick}txt", ip=IP
    )
    post = Post.objects.get(thread=thread)
    assert trick not in thread.title and trick not in post.body and trick not in post.body_html
    assert Thread.objects.get(pk=thread.pk).title == "Safetitle"


def test_invisible_characters_do_not_dodge_the_link_rule():
    from tests.factories import make_user

    newcomer = make_user()
    group = make_group()
    join(newcomer, group)
    with pytest.raises(services.CommunityError):
        services.thread_create(
            group=group,
            author=newcomer,
            title="hi",
            body="go to ht\u200btps://evil.example",
            ip=IP,
        )


def test_emoji_joiners_survive(author, group):
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    thread = services.thread_create(group=group, author=author, title="Us", body=family, ip=IP)
    assert family in thread.posts.get().body


def test_markdown_quotes_work_and_angle_brackets_stay_text():
    from healthsite.text import render_user

    html = render_user("> someone said this\n\nMy sugar was > 10 and <b>high</b>")
    assert "<blockquote>" in html
    assert "&gt; 10" in html
    assert "<b>" not in html and "&lt;b&gt;high&lt;/b&gt;" in html
    assert_harmless(html)
