// Loads each RDF file given on the command line with the OWL API (the library Protégé is built on)
// and checks it against the OWL 2 DL profile. Also fails on what the OWL API's lenient parser would
// otherwise hide: triples it could not turn into axioms and declarations it had to guess.
// Prints one line per problem and "OK <file> ..." per clean file; exits 1 if any file has a problem.
//
// Run with the Debian libowlapi-java jars on the class path (single-file source launch, needs a JDK):
//   java -cp "<jars>" tests/ontology/OwlCheck.java FILE...

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.OWLOntologyLoaderMetaData;
import org.semanticweb.owlapi.io.RDFParserMetaData;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.OWLNamedIndividual;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlCheck {
    public static void main(String[] args) throws Exception {
        boolean failed = false;
        for (String path : args) {
            List<String> problems = check(new File(path));
            for (String problem : problems) {
                System.out.println(path + ": " + problem);
            }
            failed |= !problems.isEmpty();
        }
        System.exit(failed ? 1 : 0);
    }

    static List<String> check(File file) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(file);
        List<String> problems = new ArrayList<>();
        OWLOntologyLoaderMetaData meta = manager.getOntologyFormat(ontology).getOntologyLoaderMetaData().orElse(null);
        if (meta instanceof RDFParserMetaData rdf) {
            rdf.getUnparsedTriples().forEach(t -> problems.add("unparsed triple: " + t));
            rdf.getGuessedDeclarations().forEach((iri, kind) -> {
                // Individuals need no declaration in OWL 2 DL (e.g. Wikidata items reached by owl:sameAs).
                if (!OWLNamedIndividual.class.isAssignableFrom(kind)) {
                    problems.add("undeclared " + kind.getSimpleName() + " guessed for " + iri);
                }
            });
        }
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation violation : report.getViolations()) {
            problems.add("OWL 2 DL violation: " + violation);
        }
        if (problems.isEmpty()) {
            System.out.println("OK " + file + ": " + ontology.getAxiomCount() + " axioms, "
                + ontology.getLogicalAxiomCount() + " logical, 0 OWL 2 DL profile violations");
        }
        return problems;
    }
}
