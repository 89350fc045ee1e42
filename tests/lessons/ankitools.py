"""Importing our .apkg packages into a real Anki collection, as Anki desktop does."""

import uuid
from pathlib import Path

from anki.collection import Collection
from anki.import_export_pb2 import (
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportResponse,
)


def import_apkg(col: Collection, data: bytes, **options: bool) -> ImportResponse.Log:
    """Import *data* as Anki desktop does (update notes if newer)."""
    path = Path(col.path).parent / f"import-{uuid.uuid4().hex}.apkg"
    path.write_bytes(data)
    request = ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions(**options)
    )
    return col.import_anki_package(request).log
