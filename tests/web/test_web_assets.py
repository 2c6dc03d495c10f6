"""The committed browser libraries are exactly what server/web's lockfile builds."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from websupport import ROOT


def test_vendor_files_match_the_lockfile():
    web = ROOT / "server" / "web"
    if shutil.which("node") is None or not (web / "node_modules").is_dir():
        pytest.fail("needs node and `npm ci` in server/web (tests/install.sh does both)")
    done = subprocess.run(["node", "build.mjs", "--check"], cwd=web, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
