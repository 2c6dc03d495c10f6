"""Disk full, a read-only store folder, a second writer, and backup/restore: clear errors, nothing corrupted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
from articles import write_batch
from click.testing import CliRunner
from reliability_support import all_quads, canonical, holding, record, remount, store_graphs, tmpfs

from diplograph.cli import main
from diplograph.config import Settings
from diplograph.ontology import ONTOLOGY_TTL
from diplograph.store import parse_file


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output + (str(result.exception) if result.exception and
                                               not isinstance(result.exception, SystemExit) else "")


def diplograph(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diplograph", *args], capture_output=True, text=True, timeout=600)


def big_ntriples(path: Path, triples: int = 40_000) -> Path:
    with path.open("w") as out:
        for i in range(triples):
            out.write(f'<https://example.org/s{i}> <https://example.org/p> "filler text to use disk space {i}" .\n')
    return path


def test_disk_full_is_a_clear_error_and_the_store_survives(tmp_path):
    with tmpfs(tmp_path / "small", "2m") as small:
        store = small / "store"
        assert cli("load", str(ONTOLOGY_TTL), "--store", str(store))[0] == 0
        before, earlier = all_quads(store), store_graphs(store)
        code, output = cli("load", str(big_ntriples(tmp_path / "big.nt")), "--store", str(store))
        assert code == 1 and "No space left on device" in output and "nothing loaded" in output, output
        assert "Traceback" not in output
        assert all_quads(store) == before, "a failed load must leave the store as it was"
        done = diplograph("ingest", str(write_batch(tmp_path / "batch", 5)), "--store", str(store))
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert "No space left on device" in done.stderr and str(store) in done.stderr, done.stderr
        # What the failed ingest left is the earlier data plus, at most, whole graphs it installed first.
        graphs, ontology = store_graphs(store), Settings().graph("ontology")
        assert {name: quads for name, quads in graphs.items() if name != ontology} == earlier
        if ontology in graphs:
            assert graphs[ontology] == canonical(parse_file(ONTOLOGY_TTL, ontology)), "ontology graph half-written"
    record("disk full (2 MB tmpfs): load and ingest refused clearly, store intact", True)


def test_read_only_store_folder_is_a_clear_error(tmp_path):
    with tmpfs(tmp_path / "ro", "8m") as folder:
        store = folder / "store"
        assert cli("load", str(ONTOLOGY_TTL), "--store", str(store))[0] == 0
        before = all_quads(store)
        remount(folder, "ro")
        for args in (["load", str(ONTOLOGY_TTL)], ["restore", str(tmp_path / "none")]):
            code, output = cli(*args, "--store", str(store))
            assert code == 1 and "Traceback" not in output, output
        done = diplograph("ingest", str(write_batch(tmp_path / "batch", 2)), "--store", str(store))
        assert done.returncode == 1 and "not writable" in done.stderr and "Read-only file system" in done.stderr, \
            done.stderr
        assert cli("stats", "--store", str(store))[0] == 0, "reading still works"
        remount(folder, "rw")
        assert all_quads(store) == before


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path):
    store = tmp_path / "store"
    assert cli("load", str(ONTOLOGY_TTL), "--store", str(store))[0] == 0
    before = all_quads(store)
    with holding(store):
        for args in (["load", str(ONTOLOGY_TTL)], ["backup", str(tmp_path / "bk")],
                     ["restore", str(tmp_path / "bk")]):
            code, output = cli(*args, "--store", str(store))
            assert code == 1, (args, output)
            if args[0] != "restore":  # restore first refuses the missing backup
                assert "already open for writing by another process" in output, output
        done = diplograph("ingest", str(write_batch(tmp_path / "batch", 2)), "--store", str(store))
        assert done.returncode == 1 and "already open for writing by another process" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert all_quads(store) == before


def test_backup_and_restore_give_back_the_same_store(tmp_path):
    store, backup = tmp_path / "store", tmp_path / "backup"
    assert cli("load", str(ONTOLOGY_TTL), "--store", str(store))[0] == 0
    assert cli("load", str(big_ntriples(tmp_path / "data.nt", 2000)), "--store", str(store))[0] == 0
    original = all_quads(store)
    code, output = cli("backup", str(backup), "--store", str(store))
    assert code == 0, output
    backed_up = output.split("backed up ")[1].split()[0]
    assert cli("backup", str(backup), "--store", str(store))[0] == 1, "never overwrite a backup"
    # Change the store after the backup; restoring must bring back exactly the backed-up state.
    db = ox.Store(str(store))
    db.update("DROP GRAPH <" + (tmp_path / "data.nt").resolve().as_uri() + ">")
    db.update("INSERT DATA { GRAPH <https://example.org/late> { <https://example.org/a> <https://example.org/b> 1 } }")
    db.flush()
    del db
    assert all_quads(store) != original
    code, output = cli("restore", str(backup), "--store", str(store))
    assert code == 0, output
    assert f"restored {backed_up} triples" in output, "restore counts what backup counted"
    assert all_quads(store) == original
    assert all_quads(backup) == original, "the backup is untouched by the restore"
    assert cli("restore", str(backup), "--store", str(tmp_path / "fresh"))[0] == 0
    assert all_quads(tmp_path / "fresh") == original
    (tmp_path / "empty").mkdir()
    code, output = cli("restore", str(tmp_path / "empty"), "--store", str(store))
    assert code == 1 and "not a diplograph backup" in output
    assert all_quads(store) == original, "a refused restore leaves the store alone"
    record("backup/restore: quads compared after restore", len(original))
