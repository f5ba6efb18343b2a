"""Subscriber, Edition and EditionDelivery moved here from `mymedicine` with their tables and
rows (renamed by mymedicine 0004_move_newsletter_tables, so nothing is created here: state
only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('mymedicine', '0004_move_newsletter_tables'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Edition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('subject', models.CharField(max_length=200, verbose_name='subject')),
                        ('slug', models.SlugField(max_length=200, unique=True, verbose_name='slug')),
                        ('body', models.TextField(help_text='Markdown.', verbose_name='body')),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('sending', 'Sending'), ('sent', 'Sent')], default='draft', max_length=10, verbose_name='status')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                    ],
                    options={
                        'verbose_name': 'newsletter edition',
                        'verbose_name_plural': 'newsletter editions',
                        'ordering': ['-sent_at', '-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Subscriber',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, unique=True, verbose_name='email address')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='signed up')),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmed')),
                        ('unsubscribed_at', models.DateTimeField(blank=True, null=True, verbose_name='unsubscribed')),
                    ],
                    options={
                        'verbose_name': 'newsletter subscriber',
                        'verbose_name_plural': 'newsletter subscribers',
                        'ordering': ['email'],
                    },
                ),
                migrations.CreateModel(
                    name='EditionDelivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='sent')),
                        ('edition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='newsletter.edition')),
                        ('subscriber', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='newsletter.subscriber')),
                    ],
                    options={
                        'verbose_name': 'edition delivery',
                        'verbose_name_plural': 'edition deliveries',
                        'constraints': [models.UniqueConstraint(fields=('edition', 'subscriber'), name='edition_delivery_unique')],
                    },
                ),
            ],
        ),
    ]
