"""First step of moving Subscriber, Edition and EditionDelivery to the `newsletter` app: their
tables take the names Django gives the models there, so the new app needs no `db_table`
override. Renaming keeps every row, id and foreign key. The models then leave this app's
state in 0005, once `newsletter.0001_initial` has taken them over (state only).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("mymedicine", "0003_move_interaction_state"),
    ]

    operations = [
        migrations.AlterModelTable(name="subscriber", table="newsletter_subscriber"),
        migrations.AlterModelTable(name="edition", table="newsletter_edition"),
        migrations.AlterModelTable(name="editiondelivery", table="newsletter_editiondelivery"),
    ]
