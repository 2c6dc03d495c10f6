// Converts an OWL ontology document (RDF/XML, Turtle, ...) to OWL/XML with the OWL API, the library
// Protégé is built on. Used by `diplograph export --protege FILE --protege-format owlxml`.
//
//   java -cp "/usr/share/java/*" OwlConvert.java IN OUT
//
// Exits 1, with the reason on standard error, when IN cannot be read or OUT cannot be written.

import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.OWLXMLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;

public class OwlConvert {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: OwlConvert IN OUT");
            System.exit(2);
        }
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLXMLDocumentFormat format = new OWLXMLDocumentFormat();
        format.copyPrefixesFrom(manager.getOntologyFormat(ontology).asPrefixOWLDocumentFormat());
        try (OutputStream out = new FileOutputStream(args[1])) {
            manager.saveOntology(ontology, format, out);
        }
    }
}
