from django.apps import AppConfig


class PillsConfig(AppConfig):
    name = "pills"
    verbose_name = "Pill identifier"

    def ready(self) -> None:
        from drugs.signals import spl_product_appearance
        from pills.receivers import on_spl_product_appearance
        from pills.search import PillProvider
        from search.registry import register

        spl_product_appearance.connect(on_spl_product_appearance, dispatch_uid="pills_spl")
        register(PillProvider())
