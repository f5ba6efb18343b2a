"""Interaction moved here from `mymedicine` with its table and rows (the table was renamed by
mymedicine 0002_move_interaction_table, so nothing is created here: state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('mymedicine', '0002_move_interaction_table'),
        ('drugs', '0002_ingredient_key_and_reviews'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Interaction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('class_a', models.CharField(blank=True, max_length=200, verbose_name='class of the first ingredient')),
                        ('class_b', models.CharField(blank=True, max_length=200, verbose_name='class of the second ingredient')),
                        ('severity', models.PositiveSmallIntegerField(choices=[(1, 'Minor'), (2, 'Moderate'), (3, 'Major'), (4, 'Do not take together')], verbose_name='severity')),
                        ('effect', models.TextField(blank=True, help_text='Plain language. Left empty, readers see the general wording for the severity.', verbose_name='what happens')),
                        ('advice', models.TextField(blank=True, verbose_name='what to do')),
                        ('source', models.CharField(choices=[('onc-high-priority', 'ONC high-priority interaction list'), ('onc-non-interruptive', 'ONC non-interruptive interaction list'), ('ndf-rt', 'VA National Drug File (NDF-RT)'), ('editorial', 'Our editors')], max_length=30, verbose_name='source')),
                        ('source_version', models.CharField(blank=True, max_length=200, verbose_name='source version')),
                        ('source_reference', models.CharField(blank=True, max_length=300, verbose_name='source reference')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last updated')),
                        ('ingredient_a', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interactions_as_a', to='drugs.ingredient')),
                        ('ingredient_b', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interactions_as_b', to='drugs.ingredient')),
                    ],
                    options={
                        'verbose_name': 'interaction',
                        'verbose_name_plural': 'interactions',
                        'ordering': ['-severity', 'ingredient_a__name', 'ingredient_b__name'],
                        'indexes': [models.Index(fields=['ingredient_b', 'ingredient_a'], name='interaction_ingredi_76343f_idx')],
                        'constraints': [models.UniqueConstraint(fields=('ingredient_a', 'ingredient_b', 'source'), name='interaction_unique'), models.CheckConstraint(condition=models.Q(('ingredient_a__lt', models.F('ingredient_b'))), name='interaction_pair_ordered')],
                    },
                ),
            ],
        ),
    ]
