"""Backups of the store: Oxigraph checkpoints, and putting one back in place of the store.

``Store.backup`` writes a consistent checkpoint (hard links to the store's immutable files when on
the same file system), usable as a store on its own. Restoring copies the checkpoint beside the
store, checks it opens, then swaps folders with renames, so the store is at every moment either
the old one or the whole backup.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from diplograph.store import Store, StoreError


def backup(store_path: Path, target: Path) -> int:
    """Write a checkpoint of the store at ``store_path`` into the new folder ``target``; returns its quads."""
    if target.exists():
        raise StoreError(f"backup folder {target} already exists; choose a new folder")
    if not store_path.is_dir():
        raise StoreError(f"no store at {store_path}")
    with Store(store_path) as store:  # refuses while a server or ingest holds the store
        try:
            store.inner.backup(str(target))
        except (OSError, RuntimeError) as error:
            shutil.rmtree(target, ignore_errors=True)
            raise StoreError(f"cannot back up {store_path} to {target}: {error}") from error
        return len(store)


def restore(source: Path, store_path: Path) -> int:
    """Replace the store at ``store_path`` with the backup in ``source``; returns the restored quads
    (of the named graphs, as ``backup`` counts them)."""
    count = _check_backup(source)
    if store_path.exists():
        Store(store_path).close()  # refuses while another process holds the store
    staging = store_path.parent / f".{store_path.name}.restoring-{os.getpid()}"
    retired = store_path.parent / f".{store_path.name}.replaced-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(source, staging, ignore=shutil.ignore_patterns("LOCK"))
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"cannot copy the backup {source} next to {store_path}: {error}") from error
    if store_path.exists():
        store_path.rename(retired)
    staging.rename(store_path)
    shutil.rmtree(retired, ignore_errors=True)
    return count


def _check_backup(source: Path) -> int:
    if not (source / "CURRENT").is_file():
        raise StoreError(f"{source} is not a diplograph backup (no Oxigraph database in it)")
    try:
        with Store(source, read_only=True) as backed_up:
            return len(backed_up)  # counted as ``backup`` counts: the named graphs' quads
    except (OSError, StoreError) as error:
        raise StoreError(f"backup {source} cannot be opened: {error}") from error
