from django.apps import AppConfig


class DrugsConfig(AppConfig):
    name = "drugs"
    verbose_name = "Drugs and supplements"

    def ready(self) -> None:
        from drugs.search import DrugSearchProvider
        from search.registry import register

        register(DrugSearchProvider())
