"""Entity mentions: find every leader, state, organisation, place and named source, and link it.

Linking is offline and precision-first (an empty link beats a wrong one):

1. Gazetteer aliases are matched as token n-grams through a dict (one lookup per capitalised token
   start, never a loop over the gazetteer); acronyms must match case exactly ("US" is not "us").
2. Capitals and metonyms ("Pyongyang insists", "the Kremlin") denote their state unless used as a
   location ("in Pyongyang").
3. Short names ("Kim") link to the one person of the article whose name they are part of; a
   name shared by two persons stays unlinked. Titles ("President", "Chairman") type unknown persons
   as Leaders; other unknown persons are Persons, unlinked.
4. "the North Korean leader" / "Russia's president" denote the article's leader of that state, or
   the gazetteer's office holder at the publication date when exactly one is known; "the Lithuanian
   capital" denotes that state's capital.
5. "the Trump administration", "the U.S. government", "North Korea's foreign ministry" become a
   Government with ``government_of`` its state and ``led_by`` its leader when known.
6. Personal pronouns (he/his/she/her) denote the nearest preceding person; it/its the nearest
   preceding state or organisation in the same sentence.

``link_entities`` runs the rules in this order on one ``EntityIndex`` (``entity_index``): each rule
mentions only tokens no earlier rule took. Aliases, metonyms and demonyms are ``entity_aliases``;
persons and short names ``entity_persons``; office nouns ``entity_offices``; relatives, capitals,
"the North", "the bloc" and "the Commission" ``entity_descriptions``; pronouns ``entity_pronouns``
(they and the descriptions look back through ``entity_antecedents``); governments
``entity_governments``; names the gazetteer lacks ``entity_unlinked``. The summit, sanction and claim
rules import the index from here.
"""

from __future__ import annotations

from datetime import datetime

from spacy.tokens import Doc

from diplograph.ingest.entity_aliases import (
    NAME_PUNCT,
    match_aliases,
    match_demonym_sides,
    match_demonyms,
    match_metonym_ents,
)
from diplograph.ingest.entity_descriptions import (
    match_body_short_names,
    match_capital_nouns,
    match_definite_descriptions,
    match_halves,
    match_kin_nouns,
)
from diplograph.ingest.entity_governments import match_governments
from diplograph.ingest.entity_index import EntityIndex, gaz_kind
from diplograph.ingest.entity_labels import match_office_labels
from diplograph.ingest.entity_offices import match_leader_nouns, match_office_descriptions
from diplograph.ingest.entity_persons import match_persons
from diplograph.ingest.entity_pronouns import match_own_country, match_pronouns
from diplograph.ingest.entity_unlinked import match_unlinked_names
from diplograph.ingest.gazetteer import Gazetteer
from diplograph.ingest.spans import ents_of

__all__ = ["NAME_PUNCT", "EntityIndex", "gaz_kind", "link_entities"]

def link_entities(doc: Doc, gaz: Gazetteer, published: datetime | None, title: str | None = None) -> EntityIndex:
    index = EntityIndex(doc, gaz, published)
    ents_by_token = {t.i: ent for ent in ents_of(doc) for t in ent}
    match_aliases(index, ents_by_token)
    match_demonyms(index)
    match_demonym_sides(index)
    match_metonym_ents(index)
    match_persons(index)
    match_office_labels(index, title)
    match_leader_nouns(index)
    match_kin_nouns(index)
    match_office_descriptions(index)
    match_capital_nouns(index)
    match_halves(index)
    match_pronouns(index)
    match_own_country(index)
    match_definite_descriptions(index)
    match_body_short_names(index)
    match_governments(index)
    match_unlinked_names(index)
    index.finish()
    return index
