"""Static file storage: hashed, compressed names after `collectstatic`, plain names before it."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's manifest storage that never fails a page over a missing manifest entry.

    Before `collectstatic` (tests, a fresh checkout under `runserver`) the plain name is used,
    which the static finders serve; in production every name is in the manifest.
    """

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            return name
