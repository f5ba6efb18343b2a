from django.apps import AppConfig


class MyMedicineConfig(AppConfig):
    name = "mymedicine"
    verbose_name = "My Medicine"
