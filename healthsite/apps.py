from django.apps import AppConfig


class HealthsiteConfig(AppConfig):
    name = "healthsite"
    verbose_name = "Healthsite"
