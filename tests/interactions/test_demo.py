from io import StringIO

import pytest

from drugs import demo as drugs_demo
from interactions import demo
from interactions.models import Interaction

pytestmark = pytest.mark.django_db


def test_demo_interactions_load_once_between_demo_drugs(client):
    drugs_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    count = Interaction.objects.count()
    assert count == len(demo.DEMO_INTERACTIONS)
    demo.load(stdout=StringIO())
    assert Interaction.objects.count() == count
    html = client.get("/interactions/?drugs=ibuprofen,diclofenac,lisinopril").content.decode()
    assert "Taking two at once adds up the risk" in html
