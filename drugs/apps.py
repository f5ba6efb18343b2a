from django.apps import AppConfig


class DrugsConfig(AppConfig):
    name = "drugs"
    verbose_name = "Drugs and supplements"
