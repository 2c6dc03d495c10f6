"""Refuse XML entity tricks before an XML parser sees the document.

Oxigraph's RDF/XML parser expands entities declared in the document's DTD, with no limit: a
"billion laughs" file of 1 KB grows to gigabytes. Protégé and other tools do write RDF/XML with
simple entities (``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``), so those stay allowed;
refused are external entities (SYSTEM/PUBLIC, which could name a local file), parameter
entities, entities defined through other entities (the exponential trick), and documents whose
entity references would expand past ``MAX_EXPANSION`` characters (the quadratic trick).
"""

from __future__ import annotations

import re

MAX_EXPANSION = 16 * 1024 * 1024
DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*\[(?P<subset>.*?)\]\s*>", re.DOTALL)
ENTITY = re.compile(rb"<!ENTITY\s+(?P<param>%\s+)?(?P<name>[^\s%]+)\s+(?P<rest>.*?)>", re.DOTALL)
LITERAL = re.compile(rb"""^(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')\s*$""", re.DOTALL)
REFERENCE = re.compile(rb"&([A-Za-z_:][\w.:-]*);")


class XmlRefused(ValueError):
    """The document uses entities in a way that could read local files or exhaust memory."""


def check_entities(data: bytes) -> None:
    """Raise ``XmlRefused`` for dangerous entity declarations or uses; silent for ordinary XML."""
    head = data[:MAX_EXPANSION]
    if b"<!ENTITY" not in head and b"<!entity" not in head.lower():
        return
    doctype = DOCTYPE.search(data)
    if doctype is None:
        raise XmlRefused("an entity declaration outside a readable DOCTYPE internal subset")
    values: dict[bytes, int] = {}
    for entity in ENTITY.finditer(doctype["subset"]):
        name = entity["name"].decode(errors="replace")
        if entity["param"]:
            raise XmlRefused(f"parameter entity %{name} (not allowed)")
        literal = LITERAL.match(entity["rest"].strip())
        if literal is None:
            raise XmlRefused(f"external entity &{name}; (SYSTEM/PUBLIC entities could read local files)")
        value = literal["double"] if literal["double"] is not None else literal["single"]
        if b"&" in value.replace(b"&#", b""):
            raise XmlRefused(f"entity &{name}; is defined through other entities (an expansion bomb)")
        values[entity["name"]] = len(value)
    body = data[doctype.end():]
    expansion = sum(values.get(ref.group(1), 0) for ref in REFERENCE.finditer(body))
    if expansion > MAX_EXPANSION:
        raise XmlRefused(f"entity references would expand to {expansion:,} characters "
                         f"(over the {MAX_EXPANSION:,} limit)")
