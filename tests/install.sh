#!/bin/sh
# Installs what the test suite needs on a fresh Debian machine: the package with its test extras,
# the OWL API (what Protégé runs on) and a JDK (HermiT, and `java File.java` source launch of the
# OWL API checks), Jena's command-line clients, Chromium.
set -eu
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends \
        default-jdk-headless libowlapi-java libapache-jena-java chromium >/dev/null
    command -v npm >/dev/null || apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
python3 -m pip install -q -e '.[test]'
# The web pages' browser libraries as pinned by server/web/package-lock.json (tests/web checks that
# the committed copies in server/static/vendor match them).
(cd server/web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
