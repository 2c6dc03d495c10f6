"""The Protégé export: the ontology and every individual of the store as ONE OWL 2 DL document.

``diplograph export --protege FILE`` writes it. What the store holds is already close to OWL 2 DL;
this module closes the gaps a reasoner or Protégé would trip over:

- one ontology header (the store's own ontology header is replaced), no ``owl:imports``;
- every individual declared ``owl:NamedIndividual`` and given an ``rdfs:label`` (generated when the
  data has none: a claim from its claimant, cue and text, a span from its anchor text...);
- every property used on individuals declared (unknown ones as annotation properties), every class
  used in ``rdf:type`` declared;
- literals of data properties in their declared range's datatype (Oxigraph stores
  ``xsd:nonNegativeInteger`` as ``xsd:integer``; language tags on ``xsd:string`` values go), and no
  datatype outside the OWL 2 datatype map anywhere (``xsd:date`` becomes ``xsd:dateTime``);
- provenance readable in Protégé's annotation view: each claim, summit and sanction gets an
  ``rdfs:comment`` quoting its source sentence and article.

The work happens in an in-memory Oxigraph store (SPARQL in Oxigraph, never rdflib's engine);
RDF/XML and Turtle are written by Oxigraph, OWL/XML by the OWL API (Java) from the RDF/XML.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from diplograph import __version__
from diplograph.config import Settings
from diplograph.ontology import HERE, ONTOLOGY_IRI, ONTOLOGY_TTL, PREFIXES
from diplograph.store import Store

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DG = ONTOLOGY_IRI + "#"
WIKIDATA = "http://www.wikidata.org/entity/"
FORMATS = ("rdfxml", "owlxml", "turtle")
OWL_CONVERT = HERE / "OwlConvert.java"

A = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
COMMENT = ox.NamedNode(RDFS + "comment")
NAMED_INDIVIDUAL = ox.NamedNode(OWL + "NamedIndividual")
STRING = ox.NamedNode(XSD + "string")

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4): anything else is not OWL 2 DL.
INTEGER_NAMES = ["integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
                 "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"]
OTHER_XSD_NAMES = ["decimal", "double", "float", "string", "normalizedString", "token", "language", "Name",
                   "NCName", "NMTOKEN", "boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp"]
INTEGERS = {XSD + name for name in INTEGER_NAMES}
OWL2_DATATYPES = INTEGERS | {XSD + name for name in OTHER_XSD_NAMES} | {
    RDF + "PlainLiteral", RDF + "XMLLiteral", RDF + "langString", RDFS + "Literal", OWL + "real", OWL + "rational"}
RANGE_DASH = "\N{EN DASH}"
LABEL_LENGTH = 60


class ExportError(Exception):
    """The export cannot be written as asked; the message says why."""


@dataclass
class Export:
    """The document's triples and what had to be changed or dropped to make it OWL 2 DL."""

    triples: list[ox.Triple]
    individuals: int
    generated_labels: int
    warnings: list[str] = field(default_factory=list)


def export_protege(store_path: str, path: Path, fmt: str) -> None:
    """``diplograph export --protege``: write the document and say what it holds."""
    import click

    from diplograph.store import StoreError

    try:
        with Store(store_path, read_only=True) as store:
            result = export(store)
        write(result, path, fmt)
    except (StoreError, ExportError) as error:
        raise click.ClickException(str(error)) from None
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"{path}: {len(result.triples)} triples, {result.individuals} individuals "
               f"({result.generated_labels} labels generated), {fmt}", err=True)


def export(store: Store, settings: Settings | None = None) -> Export:
    """Ontology + every individual in ``store`` (all graphs but the inferred one and the kept counts,
    ``graph/stats``) as OWL 2 DL triples."""
    settings = settings or Settings()
    work = ox.Store()
    work.load(path=str(ONTOLOGY_TTL), format=ox.RdfFormat.TURTLE)
    skipped = ", ".join(str(ox.NamedNode(settings.graph(name))) for name in ("ontology", "inferred", "stats"))
    work.extend(ox.Quad(t.subject, t.predicate, t.object) for t in store.inner.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN ({skipped})) }}"))
    result = Export([], 0, 0)
    _replace_header(work, settings, store)
    _declare_undeclared(work)
    result.individuals = _declare_individuals(work)
    result.generated_labels = _label_individuals(work)
    _annotate_provenance(work)
    triples, result.warnings = _fix_literals([ox.Triple(q.subject, q.predicate, q.object) for q in work],
                                             _data_ranges(work))
    # Grouped by subject, types first, so Turtle and RDF/XML read one individual at a time.
    result.triples = sorted(triples, key=lambda t: (str(t.subject), t.predicate != A, str(t.predicate), str(t.object)))
    return result


def write(result: Export, path: Path, fmt: str = "rdfxml") -> None:
    """Write the document as RDF/XML, Turtle or (through the OWL API) OWL/XML; nothing half-written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown Protégé format {fmt!r}; choose one of {', '.join(FORMATS)}")
    rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.RDF_XML
    data = ox.serialize(result.triples, format=rdf_format, prefixes=PREFIXES)
    with tempfile.TemporaryDirectory(dir=path.parent if path.parent.exists() else None) as tmp:
        staged = Path(tmp) / "export.owl"
        staged.write_bytes(data)
        if fmt == "owlxml":
            converted = Path(tmp) / "export.owx"
            _owl_api_convert(staged, converted)
            staged = converted
        staged.replace(path)


def export_iri(base: str) -> str:
    return f"{base}export/protege"


# --- the header ------------------------------------------------------------------------------------

def _replace_header(work: ox.Store, settings: Settings, store: Store) -> None:
    """One ontology per document: drop the store's and the source's headers, write the export's."""
    work.update(f"DELETE WHERE {{ ?ontology a <{OWL}Ontology> ; ?p ?o }}")
    work.update(f"DELETE WHERE {{ ?ontology <{OWL}imports> ?imported }}")
    header = ox.NamedNode(export_iri(settings.base))
    created = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    work.extend(ox.Quad(header, p, o) for p, o in [
        (A, ox.NamedNode(OWL + "Ontology")),
        (LABEL, ox.Literal("diplograph knowledge graph (ontology and individuals)", language="en")),
        (COMMENT, ox.Literal(
            f"The diplograph ontology ({ONTOLOGY_IRI}) merged with the individuals of the store at {store.path}: "
            f"entities, summits, sanctions, claims, articles, text spans and tenures. Written by diplograph "
            f"{__version__} on {created}. Open the Reasoner menu, pick HermiT and start it to see inferred types.",
            language="en")),
        (ox.NamedNode(OWL + "versionInfo"), ox.Literal(created)),
        (ox.NamedNode(RDFS + "seeAlso"), ox.NamedNode(ONTOLOGY_IRI)),
    ])


# --- declarations ----------------------------------------------------------------------------------

def _declare_undeclared(work: ox.Store) -> None:
    """Declare classes used in rdf:type and properties used on individuals that the ontology lacks."""
    work.update(f"""
        INSERT {{ ?class a <{OWL}Class> }} WHERE {{
          ?x a ?class FILTER(isIRI(?class) && !STRSTARTS(STR(?class), "{OWL}") && !STRSTARTS(STR(?class), "{RDFS}")
                             && !STRSTARTS(STR(?class), "{RDF}"))
          FILTER NOT EXISTS {{ ?class a ?kind }}
        }}""")
    # Unknown properties become annotation properties: annotations have no logical weight in DL.
    work.update(f"""
        INSERT {{ ?p a <{OWL}AnnotationProperty> }} WHERE {{
          ?s ?p ?o
          FILTER(!STRSTARTS(STR(?p), "{OWL}") && !STRSTARTS(STR(?p), "{RDFS}") && !STRSTARTS(STR(?p), "{RDF}"))
          FILTER NOT EXISTS {{ ?p a ?kind }}
        }}""")


def _declare_individuals(work: ox.Store) -> int:
    """Every IRI used as an instance, in an object property or in owl:sameAs is a named individual."""
    work.update(f"""
        INSERT {{ ?x a <{OWL}NamedIndividual> }} WHERE {{
          {{ ?x a ?class . ?class a <{OWL}Class> }}
          UNION {{ ?x ?p ?y . ?p a <{OWL}ObjectProperty> }} UNION {{ ?y ?p ?x . ?p a <{OWL}ObjectProperty> }}
          UNION {{ ?x ?p ?v . ?p a <{OWL}DatatypeProperty> }}
          UNION {{ ?x <{OWL}sameAs> ?y }} UNION {{ ?y <{OWL}sameAs> ?x }}
          FILTER(isIRI(?x))
        }}""")
    return sum(1 for _ in work.quads_for_pattern(None, A, NAMED_INDIVIDUAL))


# --- literals ----------------------------------------------------------------------------------------

def _fix_literals(triples: list[ox.Triple], ranges: dict[str, str]) -> tuple[list[ox.Triple], list[str]]:
    """Put data property values in their range's datatype and drop datatypes OWL 2 does not know.

    Done on the final triples, outside any store: Oxigraph would normalise ``xsd:nonNegativeInteger``
    back to ``xsd:integer`` on insertion.
    """
    fixed_triples, warnings = [], []
    for triple in triples:
        value = triple.object
        if not isinstance(value, ox.Literal):
            fixed_triples.append(triple)
            continue
        target = ranges.get(triple.predicate.value)
        fixed = _coerce(value, target) if target else _owl2_literal(value)
        if fixed is None:
            warnings.append(f"dropped {triple.subject} {triple.predicate} {value}: not a valid {target}")
        else:
            fixed_triples.append(ox.Triple(triple.subject, triple.predicate, fixed))
    return fixed_triples, warnings


def _data_ranges(work: ox.Store) -> dict[str, str]:
    """Each data property's range datatype (the base datatype of a restricted range)."""
    rows = work.query(f"""
        SELECT ?p ?datatype WHERE {{
          ?p a <{OWL}DatatypeProperty> ; <{RDFS}range> ?range .
          OPTIONAL {{ ?range <{OWL}onDatatype> ?base }}
          BIND(COALESCE(?base, ?range) AS ?datatype) FILTER(isIRI(?datatype))
        }}""")
    return {row["p"].value: row["datatype"].value for row in rows}


def _coerce(value: ox.Literal, target: str) -> ox.Literal | None:
    """``value`` as a literal of ``target``, or None when its text cannot be one."""
    text = value.value
    if target == RDFS + "Literal":
        return _owl2_literal(value)
    if target in (XSD + "string", XSD + "anyURI"):
        return ox.Literal(text, datatype=ox.NamedNode(target))
    if target == XSD + "dateTime":
        stamp = _as_datetime(text)
        return ox.Literal(stamp, datatype=ox.NamedNode(target)) if stamp else None
    if target in INTEGERS:
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        if number != number.to_integral_value() or (target == XSD + "nonNegativeInteger" and number < 0):
            return None
        return ox.Literal(str(int(number)), datatype=ox.NamedNode(target))
    if target == XSD + "decimal":
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        return ox.Literal(str(number), datatype=ox.NamedNode(target)) if number.is_finite() else None
    return value if value.datatype.value == target else None


def _owl2_literal(value: ox.Literal) -> ox.Literal:
    """Keep OWL 2 datatypes; dates become dateTimes and anything else a plain string."""
    if value.language or value.datatype.value in OWL2_DATATYPES:
        return value
    stamp = _as_datetime(value.value)
    if stamp:
        return ox.Literal(stamp, datatype=ox.NamedNode(XSD + "dateTime"))
    return ox.Literal(value.value, datatype=STRING)


def _as_datetime(text: str) -> str | None:
    """An xsd:dateTime lexical form for a dateTime, date, year-month or year (midnight UTC when no time)."""
    text = text.strip()
    candidates = [text, text + "-01", text + "-01-01"]
    for candidate in candidates:
        try:
            if "T" in candidate:
                stamp = datetime.fromisoformat(candidate.replace("Z", "+00:00"))
            else:
                stamp = datetime.fromisoformat(candidate[:10] + "T00:00:00+00:00")
                if candidate[:10] != candidate and candidate[10:] not in ("Z", "+00:00"):
                    continue
        except ValueError:
            continue
        if stamp.tzinfo is None:
            return stamp.isoformat() + "Z"
        return stamp.isoformat().replace("+00:00", "Z")
    return None


# --- labels ----------------------------------------------------------------------------------------

def _label_individuals(work: ox.Store) -> int:
    """Give every named individual without an rdfs:label a readable one; return how many were made."""
    unlabelled = [row["x"] for row in work.query(f"""
        SELECT ?x WHERE {{ ?x a <{OWL}NamedIndividual> FILTER NOT EXISTS {{ ?x <{RDFS}label> ?label }} }}""")]
    labels = [ox.Quad(node, LABEL, ox.Literal(_make_label(work, node))) for node in unlabelled]
    work.extend(labels)
    return len(labels)


def _make_label(work: ox.Store, node: ox.NamedNode) -> str:
    """A label from what the individual is: claims, spans, articles, tenures and Wikidata items have
    their own recipes; anything else is named after its IRI's last segment."""
    if node.value.startswith(WIKIDATA):
        return f"{_first_label(work, node, via_same_as=True) or node.value.removeprefix(WIKIDATA)} " \
               f"(Wikidata {node.value.removeprefix(WIKIDATA)})"
    kinds = {t.object.value.removeprefix(DG) for t in work.quads_for_pattern(node, A, None)}
    value = _values(work, node)
    if "Claim" in kinds:
        claimant = _first_label(work, value.get("claimant")) or "someone"
        return f"{claimant} {value.get('cue', 'said')}: “{_shorten(value.get('claimText', ''))}”"
    if "TextSpan" in kinds:
        offsets = f"{value.get('beginIndex', '?')}{RANGE_DASH}{value.get('endIndex', '?')}"
        return f"“{_shorten(value.get('anchorText', ''))}” ({offsets})"
    if "Article" in kinds:
        return value.get("title") or Path(value.get("sourceLocation", "") or node.value).name or node.value
    if "Tenure" in kinds:
        holder = _first_label(work, value.get("holder")) or "someone"
        role = _first_label(work, value.get("role")) or "office holder"
        state = _first_label(work, value.get("jurisdiction"))
        years = RANGE_DASH.join(v[:4] for v in (value.get("startDate", ""), value.get("endDate", "")) if v)
        return f"{holder} as {role}{' of ' + state if state else ''}{' (' + years + ')' if years else ''}"
    segment = node.value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return segment.replace("-", " ") or node.value


def _values(work: ox.Store, node: ox.NamedNode) -> dict:
    """The first value of each dg: property of ``node``, by local name (IRIs as nodes, literals as text)."""
    found: dict = {}
    for quad in work.quads_for_pattern(node, None, None):
        name = quad.predicate.value.removeprefix(DG)
        if name != quad.predicate.value and name not in found:
            found[name] = quad.object.value if isinstance(quad.object, ox.Literal) else quad.object
    return found


def _first_label(work: ox.Store, node: ox.NamedNode | None, *, via_same_as: bool = False) -> str | None:
    if node is None:
        return None
    labels = sorted(q.object.value for q in work.quads_for_pattern(node, LABEL, None))
    if not labels and via_same_as:
        twins = [q.subject for q in work.quads_for_pattern(None, ox.NamedNode(OWL + "sameAs"), node)]
        labels = sorted(q.object.value for twin in twins for q in work.quads_for_pattern(twin, LABEL, None))
    return labels[0] if labels else None


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "…"


# --- provenance --------------------------------------------------------------------------------------

def _annotate_provenance(work: ox.Store) -> None:
    """An rdfs:comment on each claim, summit and sanction quoting its sentence and article."""
    rows = work.query(f"""
        PREFIX dg: <{DG}>
        SELECT ?fact (SAMPLE(?sentence) AS ?quote) (SAMPLE(?title) AS ?source) (SAMPLE(?date) AS ?published) WHERE {{
          ?fact dg:evidence ?span . ?span dg:anchorText ?sentence ; dg:sourceArticle ?article .
          OPTIONAL {{ ?article dg:title ?title }} OPTIONAL {{ ?article dg:published ?date }}
        }} GROUP BY ?fact""")
    comments = []
    for row in rows:
        source = row["source"].value if row["source"] else "an untitled article"
        date = f", {row['published'].value[:10]}" if row["published"] else ""
        comments.append(ox.Quad(row["fact"], COMMENT,
                                ox.Literal(f"Source: “{source}”{date}. Sentence: “{row['quote'].value}”")))
    work.extend(comments)


# --- OWL/XML -----------------------------------------------------------------------------------------

def owlapi_classpath() -> str:
    """The OWL API jars: ``$DIPLOGRAPH_OWLAPI_CLASSPATH``, else Debian's libowlapi-java folder."""
    return os.environ.get("DIPLOGRAPH_OWLAPI_CLASSPATH", "/usr/share/java/*")


def _owl_api_convert(source: Path, target: Path) -> None:
    command = ["java", "-cp", owlapi_classpath(), str(OWL_CONVERT), str(source), str(target)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except FileNotFoundError:
        raise ExportError("OWL/XML needs Java and the OWL API (Debian: apt-get install default-jdk-headless "
                          "libowlapi-java); RDF/XML and Turtle do not") from None
    if done.returncode != 0 or not target.exists():
        detail = "\n".join(line for line in done.stderr.splitlines() if not line.startswith("SLF4J"))
        raise ExportError(f"the OWL API could not write OWL/XML: {detail[-2000:]}")
