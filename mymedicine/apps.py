from django.apps import AppConfig


class MyMedicineConfig(AppConfig):
    name = "mymedicine"
    verbose_name = "My Medicine"

    def ready(self) -> None:
        from healthsite import registry
        from mymedicine import home, newsletter, privacy, sections, shared_data

        registry.privacy.register(
            registry.PrivacyHandler(
                app="mymedicine",
                export_user_data=privacy.export_user_data,
                delete_user_data=privacy.delete_user_data,
            )
        )
        registry.import_steps.register(
            registry.ImportSteps(app="mymedicine", commands=shared_data.import_commands)
        )
        registry.newsletter_sources.register(
            registry.NewsletterSource(app="mymedicine", weekly_items=newsletter.weekly_items)
        )
        registry.home_sections.register(home.home_section)
        registry.drug_actions.register(sections.drug_save_action)
        registry.drug_sections.register(sections.drug_recalls_section)
        registry.pill_card_sections.register(sections.pill_save_action)
