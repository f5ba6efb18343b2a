app_name = "mymedicine"

urlpatterns: list = []
