"""The tutor workspace (`/teach/`, `/api/v1/teach/`): interface only, over the models, selectors and
authoring services of `lessons`. It has no models and no migrations of its own."""
