app_name = "drugs"

urlpatterns: list = []
