from django.apps import AppConfig


class PillsConfig(AppConfig):
    name = "pills"
    verbose_name = "Pill identifier"
