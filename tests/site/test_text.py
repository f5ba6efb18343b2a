"""Markdown rendering reuses one converter per thread: nothing carries from one text to
the next, and threads never share one."""

import threading

from healthsite.text import render_editorial, render_user


def test_reference_links_and_footnotes_do_not_leak_into_the_next_text():
    first = render_editorial(
        "See [the label][fda] and a note.[^1]\n\n[fda]: https://www.fda.gov/\n\n[^1]: Ours."
    )
    assert 'href="https://www.fda.gov/"' in first
    assert "Ours." in first
    second = render_editorial("Again [the label][fda] and [^1].")
    assert "https://www.fda.gov/" not in second
    assert "Ours." not in second
    assert "[the label][fda]" in second


def test_each_thread_converts_its_own_texts():
    texts = [f"**Thread {n}** says [link {n}][r]\n\n[r]: https://example.org/{n}" for n in range(8)]
    results: dict[int, str] = {}

    def convert(n: int) -> None:
        for _ in range(50):
            results[n] = render_user(texts[n])

    threads = [threading.Thread(target=convert, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n in range(8):
        assert f"<strong>Thread {n}</strong>" in results[n]
        assert f"https://example.org/{n}" in results[n]
