"""The Kasumi project package and app: users, roles, settings, URLs, API glue, home page."""
