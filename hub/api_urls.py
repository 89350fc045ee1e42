"""API routes of `hub`, under /api/v1/."""

app_name = "hub"
urlpatterns: list = []
