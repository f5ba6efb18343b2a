from io import StringIO

import pytest

from newsletter import demo
from newsletter.models import Edition

pytestmark = pytest.mark.django_db


def test_demo_edition_loads_once():
    demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    assert Edition.objects.count() == 1
