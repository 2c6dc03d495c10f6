"""Generate the ontology's derived files from the Turtle source, byte for byte reproducibly.

    python -m diplograph.ontology.build            # writes diplograph.owl and doc/index.html here
    python -m diplograph.ontology.build --out DIR  # writes them under DIR instead

``diplograph.owl`` is the RDF/XML copy Protégé and owlready2 read (owlready2 cannot parse Turtle);
``doc/index.html`` is the pyLODE reference page. Run it after every edit of ``diplograph.ttl``; a
test fails while the committed copies disagree with the source.
"""

from __future__ import annotations

import argparse
from html import escape
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.compare import to_canonical_graph
from rdflib.namespace import SKOS

from diplograph.ontology import DOC_HTML, HERE, ONTOLOGY_OWL, ONTOLOGY_TTL


def build(out_dir: Path = HERE) -> list[Path]:
    """Write the RDF/XML copy and the HTML page under ``out_dir``; return the paths written."""
    owl = out_dir / ONTOLOGY_OWL.relative_to(HERE)
    html = out_dir / DOC_HTML.relative_to(HERE)
    owl.parent.mkdir(parents=True, exist_ok=True)
    owl.write_bytes(rdfxml(ONTOLOGY_TTL))
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(reference_html(ONTOLOGY_TTL), encoding="utf-8")
    return [owl, html]


def rdfxml(source: Path) -> bytes:
    """The source as RDF/XML with triples in a fixed order and blank nodes numbered in that order.

    rdflib's own RDF/XML writers order triples by hash and name blank nodes at random, so every
    build would differ; canonicalising first makes the output depend on the content alone.
    """
    graph = rdflib.Graph(bind_namespaces="none").parse(source)
    canonical = to_canonical_graph(graph)
    triples = sorted(canonical, key=lambda t: (t[0].n3(), t[1] != rdflib.RDF.type, t[1].n3(), t[2].n3()))
    labels: dict[rdflib.BNode, ox.BlankNode] = {}

    def convert(term: rdflib.term.Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, rdflib.BNode):
            return labels.setdefault(term, ox.BlankNode(f"b{len(labels)}"))
        if isinstance(term, rdflib.Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or rdflib.XSD.string)))
        return ox.NamedNode(str(term))

    quads = [ox.Triple(convert(s), convert(p), convert(o)) for s, p, o in triples]
    prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
    return ox.serialize(quads, format=ox.RdfFormat.RDF_XML, prefixes=prefixes)


def reference_html(source: Path) -> str:
    """The pyLODE (OntPub profile) reference page, plus the named individuals pyLODE leaves out."""
    from pylode import OntPub

    page = OntPub(ontology=str(source)).make_html()
    graph = rdflib.Graph().parse(source)
    section, toc = _individuals_html(graph)
    page = page.replace('<div id="namespaces">', section + '\n      <div id="namespaces">', 1)
    return page.replace(_TOC_NAMESPACES, toc + _TOC_NAMESPACES, 1)


_TOC_NAMESPACES = """        <li>
          <h4>
            <a href="#namespaces">Namespaces</a>"""


def _individuals_html(graph: rdflib.Graph) -> tuple[str, str]:
    """The controlled values (modalities, statuses, precisions, roles) in pyLODE's own markup."""
    individuals = sorted(graph.subjects(rdflib.RDF.type, rdflib.OWL.NamedIndividual), key=str)
    entries, links = [], []
    for individual in individuals:
        name = individual.fragment
        label = escape(str(graph.value(individual, rdflib.RDFS.label)))
        types = [t for t in graph.objects(individual, rdflib.RDF.type) if t != rdflib.OWL.NamedIndividual]
        rows = [("IRI", f"<code>{escape(individual)}</code>"),
                ("Description", f"<p>{escape(str(graph.value(individual, rdflib.RDFS.comment)))}</p>"),
                ("Type", ", ".join(f'<a href="#{t.fragment}">{escape(t.fragment)}</a>' for t in types))]
        for predicate, title in ((SKOS.exactMatch, "Exact Match"), (SKOS.closeMatch, "Close Match"),
                                 (rdflib.RDFS.seeAlso, "See Also")):
            targets = sorted(graph.objects(individual, predicate), key=str)
            if targets:
                rows.append((title, ", ".join(f'<a href="{escape(t)}">{escape(t)}</a>' for t in targets)))
        table = "".join(f"<tr><th>{th}</th><td>{td}</td></tr>" for th, td in rows)
        entries.append(f'<div class="property entity" id="{name}"><h3>{label} '
                       f'<sup class="sup-ni" title="OWL Named Individual">ni</sup></h3><table>{table}</table></div>')
        links.append(f'<li><a href="#{name}">{label}</a></li>')
    section = ('      <div class="section" id="individuals"><h2>Named Individuals</h2>\n'
               + "\n".join(entries) + "\n      </div>")
    toc = ('        <li><h4><a href="#individuals">Named Individuals</a></h4><ul class="second">'
           + "".join(links) + "</ul></li>\n")
    return section, toc


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m diplograph.ontology.build", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="directory to write into (default: the package)")
    for path in build(parser.parse_args(argv).out):
        print(path)


if __name__ == "__main__":
    main()
