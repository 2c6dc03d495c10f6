"""The machine a benchmark ran on, printed with every result table."""

from __future__ import annotations

import os
import platform


def machine() -> str:
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"machine: {os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {model or platform.processor()}, "
            f"{memory:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()} {platform.release()}")
