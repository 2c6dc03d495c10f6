"""Running Jena's `rsparql` from Debian's libapache-jena-java (which ships jars, no scripts).

The class path is the package's jars and those of its Java dependencies (unversioned names, one
SLF4J binding). Debian relocates Jena's embedded Xerces classes to ``xerces.*`` but leaves their
message bundles under ``org/apache/jena/ext/xerces``; without them Jena fails to start ("internal
error" in XSSimpleTypeDecl), so the bundles are copied to where the classes look for them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

PACKAGE = "libapache-jena-java"
MISSING = (f"Jena's rsparql needs Java and Debian's {PACKAGE} "
           f"(sudo apt-get install default-jre-headless {PACKAGE}; tests/install.sh does it)")


def _depends(package: str) -> list[str]:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Depends}", package], capture_output=True, text=True).stdout
    return [re.split(r"[ (|]", d.strip())[0] for d in out.split(",") if d.strip()]


@cache
def class_path(workdir: Path) -> str:
    if shutil.which("java") is None or shutil.which("dpkg-query") is None:
        raise RuntimeError(MISSING)
    seen, todo = set(), [PACKAGE]
    while todo:
        package = todo.pop()
        if package in seen or not package.endswith("-java"):
            continue
        seen.add(package)
        todo += _depends(package)
    jars = []
    for package in sorted(seen):
        listing = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True)
        if listing.returncode:
            raise RuntimeError(MISSING)
        jars += [f for f in listing.stdout.split() if f.startswith("/usr/share/java/") and f.endswith(".jar")
                 and not re.search(r"-\d[\w.]*\.jar$", f)]
    logging = [j for j in jars if "slf4j" in j or "log4j" in j]
    jars = [j for j in jars if j not in logging or j.endswith(("/slf4j-api.jar", "/slf4j-nop.jar"))]
    core = next((j for j in jars if j.endswith("/jena-core.jar")), None)
    if core is None:
        raise RuntimeError(MISSING)
    bundles = workdir / "jena-xerces-bundles"
    with zipfile.ZipFile(core) as archive:
        for name in archive.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = bundles / "xerces" / name.removeprefix("org/apache/jena/ext/xerces/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    return ":".join([str(bundles), *jars])


def rsparql(workdir: Path, endpoint: str, query: str, results: str) -> str:
    """Run ``arq.rsparql --service endpoint`` and return what it prints (raises on failure)."""
    query_file = workdir / "rsparql-query.rq"
    query_file.write_text(query, encoding="utf-8")
    done = subprocess.run(["java", "-cp", class_path(workdir), "arq.rsparql", "--service", endpoint,
                           "--query", str(query_file), "--results", results],
                          capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"rsparql failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return done.stdout
