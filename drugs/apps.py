from django.apps import AppConfig


class DrugsConfig(AppConfig):
    name = "drugs"
    verbose_name = "Drugs and supplements"

    def ready(self) -> None:
        from drugs import health_center, home, privacy, sections, shared_data, sitemaps
        from drugs.search import (
            DrugClassSearchProvider,
            DrugSearchProvider,
            SupplementProductSearchProvider,
            class_best_match,
            drug_best_match,
            drug_near_best_match,
        )
        from healthsite import registry
        from search.registry import register, register_best_match

        register(DrugSearchProvider())
        register(SupplementProductSearchProvider())
        register(DrugClassSearchProvider())
        register_best_match(drug_best_match)
        register_best_match(class_best_match)
        register_best_match(drug_near_best_match, near=True)
        registry.demo_loaders.register(registry.DemoLoader(app="drugs", module="drugs.demo"))
        registry.privacy.register(
            registry.PrivacyHandler(
                app="drugs",
                export_user_data=privacy.export_user_data,
                delete_user_data=privacy.delete_user_data,
            )
        )
        registry.sitemaps.register(registry.Sitemaps(app="drugs", sitemaps=sitemaps.SITEMAPS))
        registry.import_steps.register(
            registry.ImportSteps(
                app="drugs",
                commands=shared_data.import_commands,
                late_commands=shared_data.late_import_commands,
            )
        )
        registry.home_sections.register(home.home_section)
        registry.health_center_sections.register(health_center.health_center_section)
        registry.condition_sections.register(sections.condition_section)
        registry.drug_sections.register(sections.drug_supplement_products_section)
