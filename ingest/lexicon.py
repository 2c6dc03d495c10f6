"""Word lists the extraction rules share: titles, source nouns, cues, hedges, sanction verbs.

Kept in one place so the rules stay general (they test membership in these lists and follow the
dependency parse) and so a reviewer can see every word the extractor reacts to.
"""

# Titles that make an unknown person a Leader (head of state or government), lower case.
LEADER_TITLES = frozenset({
    "president", "prime minister", "premier", "chancellor", "king", "queen", "emperor", "empress",
    "chairman", "supreme leader", "leader", "sultan", "emir", "general secretary", "head of state",
    "taoiseach", "president-elect",
})
# Words before a title that make it someone else's office ("Vice President", "Deputy Prime Minister").
NOT_LEADER_BEFORE_TITLE = frozenset({"vice", "deputy", "first", "former", "opposition", "party", "house", "senate"})
# Nouns naming the office itself, used for "the North Korean leader", "Russia's president".
LEADER_NOUNS = frozenset({"leader", "president", "premier", "chancellor", "prime minister", "head of state"})

# Appositions and titles that say a person is a woman or a man ("Kim Yo Jong, the leader's sister").
FEMALE_NOUNS = frozenset({"sister", "wife", "daughter", "mother", "woman", "widow", "queen", "empress", "mrs", "ms",
                          "madam", "lady", "princess", "congresswoman", "spokeswoman", "chairwoman", "businesswoman"})
# "Kim's sister", "the leader's wife": the relation the gazetteer's kin records and the person's gender.
KIN_NOUNS = {"sister": ("sibling", "f"), "brother": ("sibling", "m"), "wife": ("spouse", "f"),
             "husband": ("spouse", "m"), "daughter": ("child", "f"), "son": ("child", "m"),
             "father": ("father", "m"), "mother": ("mother", "f")}
MALE_NOUNS = frozenset({"brother", "husband", "son", "father", "man", "widower", "king", "emperor", "mr", "prince",
                        "congressman", "spokesman", "chairman", "businessman"})

# Definite descriptions that refer back to the last organisation named of a fitting kind ("the bloc"
# after the EU, "the alliance" after NATO): the words of the gazetteer category each one fits.
ORGANIZATION_DESCRIPTIONS = {
    "bloc": ("union", "regional", "forum"), "union": ("union",), "alliance": ("alliance",),
    "grouping": ("forum", "union", "regional"), "group": ("forum", "union", "regional"), "forum": ("forum",),
    "organisation": ("organization", "union", "alliance"), "organization": ("organization", "union", "alliance"),
    "body": ("organization", "union", "forum", "organ", "council"),
    "court": ("court",), "agency": ("agency",), "council": ("council", "organ"),
}
# Adjectives that name an organisation as an actor ("U.S. and European sanctions"): its QID.
ORGANIZATION_ADJECTIVES = {"european": "Q458"}

# Heads of "the Trump administration", "the U.S. government", "North Korea's foreign ministry".
GOVERNMENT_NOUNS = frozenset({"administration", "government", "cabinet", "regime"})
MINISTRY_NOUNS = frozenset({"ministry", "department", "agency"})  # "South Korea's spy agency"

# Described sources ("analysts", "U.S. officials"): plural nouns become a Group.
GROUP_NOUNS = frozenset({
    "analyst", "expert", "official", "diplomat", "observer", "critic", "source", "lawmaker", "legislator",
    "researcher", "scholar", "economist", "commentator", "negotiator", "investor", "activist", "campaigner",
    "leader", "minister", "senator", "envoy", "spokesperson", "spokesman", "spokeswoman", "aide", "adviser",
    "advisor", "strategist", "specialist", "insider", "ally", "resident", "defector", "monitor", "trader",
    "media", "press", "editorial", "prosecutor", "investigator", "inspector", "participant", "delegate",
    "supporter", "opponent", "defender",  # "the government's supporters insist that ...", "his defenders say"
    "country", "nation", "government",  # "the three European countries said", "Western governments argue"
    "ambassador", "people",  # "one European ambassador said", "people familiar with the talks said"
    "skeptic", "sceptic", "proponent", "advocate", "hawk", "hardliner",  # "Skeptics argued that ..."
    "author", "group",  # "Its authors say ...", "human rights groups say ..." (a singular "group" is none)
})
# Group nouns that, as "the two countries", mean a pair of states the text has just named.
PAIR_GROUP_NOUNS = frozenset({"country", "nation", "government"})
# Pronoun-like quantifiers that stand for more of a group just named ("Some said ...", "Others fear").
GROUP_CONTINUATIONS = frozenset({"others", "some", "many", "several", "most", "few", "one"})
# Collective nouns that name a group in the singular ("state media said").
COLLECTIVE_NOUNS = frozenset({"media", "press"})
# Singular described sources ("a Kremlin spokesman") become an unlinked Person.
PERSON_SOURCE_NOUNS = frozenset({"spokesperson", "spokesman", "spokeswoman", "official", "diplomat", "aide",
                                 "adviser", "advisor", "envoy", "negotiator", "minister", "source", "ambassador"})
# A person described by the body they sit on, a source for claims only (no title for typing a name): "a
# former member of the UN panel told us", "the former panel member said".
MEMBER_SOURCE_NOUNS = frozenset({"member"})
# Words after a described source's noun that say which ones it means: "people familiar with the talks".
SOURCE_QUALIFIERS = frozenset({"familiar", "close", "involved", "briefed", "knowledgeable"})
# Who speaks for a principal: "his office said", "the president's spokesman said" -> the principal; "the
# Russian side said", as readouts of talks put it -> the state.
DELEGATE_NOUNS = frozenset({"office", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "camp", "team",
                            "campaign", "cabinet", "secretariat", "mission", "embassy", "side"})
QUANTIFIERS = frozenset({"many", "some", "most", "several", "few", "other", "certain", "numerous", "all", "both",
                         "a", "an", "the", "these", "those", "its", "their", "his", "her"})

# Reporting and attitude verbs (lemmas) whose clausal complement is a claim of their subject.
SAY_VERBS = frozenset({
    "say", "tell", "insist", "argue", "warn", "claim", "assert", "state", "stress", "emphasize", "emphasise",
    "note", "add", "believe", "think", "suggest", "predict", "acknowledge", "admit", "announce", "declare",
    "maintain", "contend", "allege", "deny", "affirm", "reaffirm", "reiterate", "confirm", "explain", "observe",
    "caution", "fear", "hope", "expect", "estimate", "worry", "suspect", "doubt", "vow", "pledge", "promise",
    "accuse", "portray", "describe", "complain", "concede", "counter", "retort", "write", "report", "tweet",
    "signal", "assess", "conclude", "agree", "recall", "charge", "reject", "dismiss", "indicate", "offer",
    "underline", "underscore", "repeat", "highlight", "blame", "characterize", "characterise", "depict",
    "dispute", "call", "term", "dub", "brand", "hail", "label", "denounce", "condemn", "criticize", "criticise",
    "praise", "welcome", "reply", "respond", "notify", "inform", "assure", "remind", "hint", "point", "find",
})
# Reporting verbs that report only with their particle: "pointed out that ..." (not "pointed to the map").
PARTICLE_SAY_VERBS = {"point": "out"}
# Documents that speak for their signatories: "the joint statement said", "the final communique rejected";
# and for their authors: "the panel's final report found that ...", "a UN report said".
DOCUMENT_NOUNS = frozenset({"statement", "communique", "communiqu\u00e9", "declaration", "report", "study",
                            "assessment", "review", "investigation", "survey"})
# Directives: 'Raisi urged Islamic countries to arm ...' is a demand, not a claim, and "according to
# Iranian media" on it names who reported the demand.
DEMAND_VERBS = frozenset({"urge", "demand", "implore", "exhort", "entreat"})
# Verbs that make a claim only with an "as" complement: 'denounced the meeting as a step toward ...'
# ("condemned the remarks" alone is an act, not a proposition).
AS_VERBS = frozenset({"denounce", "condemn", "criticize", "criticise", "praise", "welcome", "hail"})
# Verbs that attribute only what they quote: 'Trump called the meeting "honest, direct and productive"'.
QUOTE_VERBS = frozenset({"call", "term", "dub", "brand", "hail", "label"})
# Verbs whose direct object alone can be the content ("Kim emphasized practical steps").
OBJECT_CONTENT_VERBS = frozenset({"emphasize", "emphasise", "stress", "deny", "reject", "dismiss", "portray",
                                  "describe", "accuse", "blame", "characterize", "characterise", "depict",
                                  "underline", "underscore", "highlight", "predict", "reiterate", "dispute"})
# Verbs whose infinitive complement is a claim ("offered to restart", "claimed to have ...").
# Commitments ("vowed to retaliate", "pledged to tighten", "promised to", "agreed to") are acts, not
# propositions: they make a claim only with a that-clause ("vowed that ...").
XCOMP_CONTENT_VERBS = frozenset({"offer", "claim", "deny", "hope", "expect", "acknowledge", "admit"})
# Nouns that name a proposition, so that denying or rejecting one is a Denied claim whose content is
# the rejected proposition ("dismissed the allegations", "rejected claims that ..."); denying a plain
# thing ("the Kremlin dismissed the measures") is not a claim.
PROPOSITION_NOUNS = frozenset({
    "accusation", "allegation", "claim", "charge", "report", "suggestion", "assertion", "speculation", "rumour",
    "rumor", "idea", "notion", "assessment", "criticism", "statement", "finding", "conclusion", "characterization",
    "characterisation", "account", "story", "narrative", "assumption", "contention", "theory", "version",
    "remark", "comment", "description", "portrayal", "argument", "interpretation", "framing",
})
# Predicates that reject what they are said of: 'called the accusations groundless' is a denial.
DENIAL_PREDICATES = frozenset({
    "baseless", "groundless", "unfounded", "false", "untrue", "absurd", "fabricated", "fabrication", "lie",
    "nonsense", "fake", "fiction", "slander", "ridiculous", "unsubstantiated", "invented", "speculation",
    "disinformation", "propaganda", "smear", "hoax", "misleading",
})
# Attitude nouns that carry a claim when their holder is named ("Trump's view that ...").
CLAIM_NOUNS = frozenset({
    "view", "belief", "claim", "assertion", "insistence", "argument", "warning", "concern", "fear", "hope",
    "frustration", "determination", "assessment", "estimate", "expectation", "conviction", "suspicion",
    "allegation", "accusation", "pledge", "promise", "vow", "intention", "denial", "complaint", "position",
    "demand", "worry", "confidence", "doubt", "opinion", "contention", "assurance", "commitment",
})
# Verbs that hand an attitude noun to their subject ("North Korea expressed frustration that ...").
LIGHT_VERBS = frozenset({"express", "voice", "reiterate", "share", "raise", "repeat", "signal", "stress",
                         "emphasize", "emphasise", "restate", "register", "air", "convey", "make", "give", "double"})

DENIAL_CUES = frozenset({"deny", "reject", "dismiss", "refute", "rebut", "dispute", "denial", "contradict"})
HEDGE_CUES = frozenset({"believe", "think", "suspect", "fear", "hope", "expect", "estimate", "worry", "doubt",
                        "suggest", "hint", "predict", "speculate", "assess", "concern", "belief", "suspicion",
                        "expectation", "assessment", "confidence", "opinion"})
HEDGE_WORDS = frozenset({"may", "might", "could", "possibly", "perhaps", "probably", "likely", "unlikely",
                         "reportedly", "allegedly", "apparently", "seemingly", "presumably", "supposedly"})
# Persons the author speaks as: their views are the author's, not a claim of someone else.
AUTHOR_PRONOUNS = frozenset({"i", "we", "me", "us", "you", "one"})

# Summits: nouns and verbs that name a leaders' meeting.
SUMMIT_NOUNS = frozenset({"summit", "meeting", "talks", "encounter", "visit", "meet", "summitry", "tete-a-tete"})
SUMMIT_VERBS = frozenset({"meet", "visit", "host"})
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
            # "their 25th meeting": leaders who meet often are counted in figures
            **{f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}": n
               for n in range(1, 100)}}
PLANNED_WORDS = frozenset({"plan", "planned", "upcoming", "next", "scheduled", "schedule", "proposed", "propose",
                           "expected", "will", "would", "prepare", "forthcoming", "future", "possible", "potential"})
CANCELLED_WORDS = frozenset({"cancel", "cancelled", "canceled", "scrap", "scrapped", "postpone", "postponed"})
CUT_SHORT_WORDS = frozenset({"short", "abruptly", "early", "collapse", "collapsed", "walk", "walked"})
LOCATIVE_PREPS = frozenset({"in", "at", "to", "from", "near", "into", "inside", "outside", "toward", "towards"})
PLACE_VERBS = frozenset({"visit", "arrive", "travel", "fly", "go", "come", "return", "land", "tour"})
# Heads of "to"/"from" phrases that make their object a place ("travelled from Pyongyang", "trip to
# Moscow"); elsewhere "to X" is a recipient ("a message to Pyongyang") and a capital stands for its state.
MOTION_WORDS = PLACE_VERBS | frozenset({"trip", "visit", "journey", "flight", "move", "head", "way", "route",
                                         "drive", "sail", "road", "border", "distance", "miles", "kilometres",
                                         "kilometers", "relocate", "flee", "escape", "cross", "deploy"})

# Sanctions: trigger lemmas and what the governing verb says about their status.
SANCTION_NOUNS = frozenset({"sanction", "embargo", "countersanction"})  # "Beijing hit back with countersanctions"
SANCTION_STATUS = {
    "impose": "Imposed", "slap": "Imposed", "levy": "Imposed", "announce": "Imposed", "adopt": "Imposed",
    "enforce": "Imposed", "approve": "Imposed", "introduce": "Imposed", "place": "Imposed", "apply": "Imposed",
    "reimpose": "Imposed", "restore": "Imposed", "reinstate": "Imposed", "unveil": "Imposed", "issue": "Imposed",
    "keep": "Imposed", "maintain": "Imposed", "retain": "Imposed", "enact": "Imposed", "agree": "Imposed",
    "tighten": "Tightened", "expand": "Tightened", "extend": "Tightened", "broaden": "Tightened",
    "strengthen": "Tightened", "toughen": "Tightened", "widen": "Tightened", "intensify": "Tightened",
    "add": "Tightened", "renew": "Tightened", "escalate": "Tightened",
    "ease": "Eased", "relax": "Eased", "loosen": "Eased", "suspend": "Eased", "waive": "Eased",
    "lift": "Lifted", "remove": "Lifted", "end": "Lifted", "scrap": "Lifted", "drop": "Lifted",
    "threaten": "Threatened", "propose": "Proposed", "consider": "Proposed", "weigh": "Proposed",
    "prepare": "Proposed", "draft": "Proposed",
}
# A ban on trade is a sanction: "ban imports of Russian diamonds", "an export ban on chips to China".
TRADE_NOUNS = frozenset({"import", "imports", "export", "exports", "trade", "sale", "sales", "shipment", "shipments",
                         "purchase", "purchases", "transfer", "transfers", "supply", "supplies"})
# Named measures against a target, with an imposer, are sanctions: "measures against an Iranian company".
MEASURE_NOUNS = frozenset({"measure", "penalty", "restriction"})  # "restrictions on North Korean shipping"
# Verbs under which a sanction is only threatened: "would not hesitate to impose sanctions".
THREAT_VERBS = frozenset({"threaten", "hesitate", "warn"})
# Evading or breaking sanctions mentions a regime, it does not create one.
EVASION_VERBS = frozenset({"evade", "circumvent", "bypass", "skirt", "dodge", "violate", "breach", "flout", "bust",
                           "avoid", "break"})
# "Leaders of the G7", "members of the EU": the body acts through them.
MEMBER_NOUNS = frozenset({"leader", "member", "government", "country", "nation", "state", "minister"})
RELIEF_NOUNS = frozenset({"relief", "lifting", "removal", "easing"})
SANCTION_TARGET_PREPS = frozenset({"on", "against", "targeting"})
# Imposers that stand for each other when the text names one and the record the other:
# the United Nations (Q1065) imposes its sanctions through the Security Council (Q37470).
IMPOSER_EQUIVALENTS = {"Q1065": {"Q37470"}, "Q37470": {"Q1065"}}
