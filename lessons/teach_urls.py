"""Pages of the tutor workspace, under /teach/."""

app_name = "teach"
urlpatterns: list = []
