"""The Protégé export tests reuse the ontology tests' real OWL tools (the OWL API checker
OwlCheck.java and HermiT through owlready2) instead of keeping a second copy of them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("ontology_tools", Path(__file__).parents[1] / "ontology" / "conftest.py")
_tools = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_tools)

owl_check = _tools.owl_check
hermit = _tools.hermit
