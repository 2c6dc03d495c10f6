"""Runs the atheris harness (fuzz_readers.py) for a fixed number of coverage-guided inputs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from reliability_support import record

RUNS = 1200


def test_coverage_guided_fuzzing_finds_no_crash(tmp_path):
    try:
        import atheris  # noqa: F401
    except ImportError as error:
        raise AssertionError(f"atheris is not installed ({error}); pip install -e '.[test]'") from None
    harness = Path(__file__).with_name("fuzz_readers.py")
    done = subprocess.run([sys.executable, str(harness), f"-runs={RUNS}", "-max_len=4096", "-timeout=20", "-seed=8",
                           f"-artifact_prefix={tmp_path}/"], capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-4000:]
    executed = re.findall(r"#(\d+)\s+DONE", done.stderr)
    assert executed and int(executed[-1]) >= RUNS, done.stderr[-2000:]
    record("atheris inputs (coverage-guided)", int(executed[-1]))
