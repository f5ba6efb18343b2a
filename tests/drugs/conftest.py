import pytest

from drugs import selectors


@pytest.fixture(autouse=True)
def _fresh_trigram_frequencies():
    """Each test has its own names: forget the frequencies a previous test's data gave."""
    selectors._gram_frequencies["at"] = 0.0
    yield
    selectors._gram_frequencies["at"] = 0.0
