app_name = "pills"

urlpatterns: list = []
