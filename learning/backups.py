"""Backup archives of the database and the uploaded media, and their restore.

An archive is a gzipped tar holding `manifest.json`, the database (an SQLite snapshot taken with
SQLite's online backup, or a `pg_dump --format=custom` file) and `media/`. It holds personal data
(accounts, e-mail addresses, letters and their writers' names): the README says how to keep it.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

FORMAT = 1
SQLITE_MEMBER = "db.sqlite3"
POSTGRES_MEMBER = "db.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Database:
    engine: str  # "sqlite" or "postgresql"
    settings: dict[str, Any]

    @property
    def member(self) -> str:
        return SQLITE_MEMBER if self.engine == "sqlite" else POSTGRES_MEMBER


def _database(alias: str = "default") -> Database:
    conf = settings.DATABASES[alias]
    if conf["ENGINE"].endswith("sqlite3"):
        return Database("sqlite", conf)
    if conf["ENGINE"].endswith("postgresql"):
        return Database("postgresql", conf)
    raise BackupError(f"No backup for the database engine {conf['ENGINE']}.")


def _pg_args(conf: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump / pg_restore; the password goes in the environment."""
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if conf.get(key):
            args += [flag, str(conf[key])]
    env = dict(os.environ)
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    return [*args, "--dbname", str(conf["NAME"])], env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (the PostgreSQL client tools).") from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _dump_database(db: Database, target: Path) -> None:
    if db.engine == "sqlite":
        # The online backup API copies a consistent snapshot, WAL included, while the site runs.
        source = sqlite3.connect(db.settings["NAME"])
        try:
            dest = sqlite3.connect(target)
            with dest:
                source.backup(dest)
            dest.close()
        finally:
            source.close()
        return
    args, env = _pg_args(db.settings)
    _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *args], env)


def _restore_database(db: Database, source: Path) -> None:
    connections.close_all()
    if db.engine == "sqlite":
        src = sqlite3.connect(source)
        try:
            dest = sqlite3.connect(db.settings["NAME"])
            with dest:
                src.backup(dest)
            dest.close()
        finally:
            src.close()
        return
    args, env = _pg_args(db.settings)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *args,
            str(source),
        ],
        env,
    )


def _media_root() -> Path | None:
    root = settings.MEDIA_ROOT
    return Path(root) if root else None


def backup_create(*, output: Path) -> dict[str, Any]:
    """Write a backup archive to *output* (replaced only once it is complete); returns its
    manifest."""
    db = _database()
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "engine": db.engine,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "media_files": 0,
    }
    output = Path(output)
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / db.member
        _dump_database(db, dump)
        partial = output.with_name(output.name + ".partial")
        # Personal data: readable by its owner only, from the first byte.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(dump, arcname=db.member)
            media = _media_root()
            if media is not None and media.is_dir():
                for path in sorted(media.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        archive.add(path, arcname=f"media/{path.relative_to(media).as_posix()}")
                        manifest["media_files"] += 1
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        partial.replace(output)
    return manifest


def backup_restore(*, archive_path: Path) -> dict[str, Any]:
    """Replace the database with the one in the archive and write its media files into
    MEDIA_ROOT (files the archive does not hold are left alone). Returns the manifest."""
    db = _database()
    try:
        archive = tarfile.open(archive_path, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{archive_path} is not a backup archive: {exc}") from exc
    with archive, tempfile.TemporaryDirectory() as scratch:
        try:
            manifest = json.load(archive.extractfile("manifest.json"))  # type: ignore[arg-type]
        except (KeyError, ValueError) as exc:
            raise BackupError(f"{archive_path} has no readable manifest.json.") from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        if manifest.get("engine") != db.engine:
            raise BackupError(
                f"The archive holds a {manifest.get('engine')} database; "
                f"this site uses {db.engine}."
            )
        # The "data" filter refuses absolute paths, links out of the folder and device files.
        archive.extractall(scratch, filter="data")
        _restore_database(db, Path(scratch) / db.member)
        media_source = Path(scratch) / "media"
        media = _media_root()
        if media is not None and media_source.is_dir():
            shutil.copytree(media_source, media, dirs_exist_ok=True)
    return dict(manifest)
