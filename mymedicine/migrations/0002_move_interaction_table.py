"""First step of moving Interaction to the `interactions` app: its table takes the name Django
gives the model there, so the new app needs no `db_table` override. Renaming keeps every row,
id and foreign key. The model then leaves this app's state in 0003, once
`interactions.0001_initial` has taken it over (state only: no table is created or dropped).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("mymedicine", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="interaction", table="interactions_interaction"),
        # The index name Django derives for the model in its new app (from the table name).
        migrations.RenameIndex(
            model_name="interaction",
            new_name="interaction_ingredi_76343f_idx",
            old_name="mymedicine__ingredi_76942e_idx",
        ),
    ]
