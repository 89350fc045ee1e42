"""API routes of `letters`, under /api/v1/."""

app_name = "letters"
urlpatterns: list = []
