"""Sanction rules and the agency links they depend on, on short texts written for the tests, with the
real spaCy pipeline and the shipped gazetteer (round 14 of extraction quality). Each test was checked to
fail before the change it covers."""

from __future__ import annotations

from datetime import UTC, datetime

from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract
from diplograph.ingest.facts import Facts

PUBLISHED = datetime(2024, 11, 5, tzinfo=UTC)


def pairs(facts: Facts) -> set[tuple[str, str, str | None]]:
    return {(i, t, s.status) for s in facts.sanctions for i in s.imposers for t in s.targets}


def test_a_leader_who_threatens_or_imposes_sanctions_does_so_for_his_state(run) -> None:
    facts = run("Joe Biden spoke to reporters on Friday. He threatened sanctions on Belarus over the forced landing.",
                published=PUBLISHED)
    assert ("Q30", "Q184", "Threatened") in pairs(facts)


def test_firms_in_several_states_and_a_firm_owned_by_a_state_target_those_states(run) -> None:
    facts = run("The State Department designated banks in Iran and Syria for financing militias. "
                "The European Union designated Alrosa and Sovcomflot, Russia's state diamond miner and shipper.",
                published=PUBLISHED)
    found = {(i, t) for i, t, _ in pairs(facts)}
    assert {("Q30", "Q794"), ("Q30", "Q858"), ("Q458", "Q159")} <= found


def test_the_treasury_is_the_agency_of_the_state_the_story_names(run) -> None:
    """A bare "Treasury" in a story naming the United States is the U.S. Treasury, which imposes for the
    United States; a name owning another inside one spaCy entity is still linked; "the House" is no
    White House."""
    facts = run("The United States accused North Korea of selling shells to Russia. The Treasury designated two "
                "Chinese shipping firms on Monday. The Treasury Department's Office of Foreign Assets Control said "
                "more listings would follow. The House voted on the bill later.", published=PUBLISHED)
    treasury = {m.text for m in facts.entities["Q648666"].mentions}
    assert "Treasury" in treasury and any(m.startswith("Treasury Department") for m in treasury)
    assert "Q35525" not in facts.entities
    assert ("Q648666", "Q148") in {(i, t) for i, t, _ in pairs(facts)}
    british = run("Britain's Treasury said on Tuesday that new listings were coming.", published=PUBLISHED)
    assert "Q648666" not in british.entities


def test_its_own_sanctions_are_the_clause_subjects_not_the_nearest_names(run) -> None:
    facts = run("The United States, according to the State Department, has no plans to ease its own sanctions on "
                "Pyongyang. Russia accused NATO of expanding its own presence.", published=PUBLISHED)
    its = sorted((m.start, k) for k, e in facts.entities.items() for m in e.mentions if m.text == "its")
    assert [k for _, k in its] == ["Q30", "Q7184"]
    assert {(i, t) for s in facts.sanctions for i in s.imposers for t in s.targets} == {("Q30", "Q423")}


def test_it_in_a_clause_joined_to_an_imposers_clause_is_that_imposer(run) -> None:
    """'The Treasury kept listing firms that help Pyongyang ..., and in May it sanctioned ...': 'it' is
    the Treasury, not Pyongyang, which coreference takes as the nearer noun."""
    facts = run("The United States wants more pressure on North Korea. The Treasury kept listing the people and "
                "firms that help Pyongyang evade the rules, and in May it sanctioned three Chinese trading houses "
                "and a Russian bank.", published=PUBLISHED)
    found = {(i, t) for i, t, _ in pairs(facts)}
    assert {("Q648666", "Q148"), ("Q648666", "Q159")} <= found
    assert not any(i == "Q423" for i, _ in found)


def test_a_sanction_without_target_takes_that_of_its_imposers_sanction_told_before(run) -> None:
    """'The United States is lifting its sanctions on Belarusian potash. ... the Treasury would remove
    Belaruskali from its sanctions list': Belarus, not Russia, which the story names more and which the
    gazetteer's American regimes target."""
    facts = run("The United States is lifting its sanctions on Belarusian potash. Russia said it had been told. "
                "Russia and its ally watched the talks; Russia raised no objection.\n\nAn envoy said the Treasury "
                "would remove Belaruskali, the state potash producer, from its sanctions list.",
                published=datetime(2025, 12, 13, tzinfo=UTC))
    found = {(i, t) for i, t, _ in pairs(facts)}
    assert ("Q30", "Q184") in found and not any(t == "Q159" for _, t in found)


def test_its_opening_a_sentence_is_the_previous_sentences_subject(run) -> None:
    """'The European Union has not followed. Its sanctions on Belarus ...': the EU's, which no
    coreference gave (else the sanctions merge into the American ones on Belarus told before)."""
    facts = run("The United States lifted its sanctions on Belarusian potash on Saturday. The European Union has "
                "shown no sign of following suit. Its sanctions on Belarus, which include a ban on potash imports, "
                "stay in force.", published=datetime(2025, 12, 13, tzinfo=UTC))
    found = {(i, t) for i, t, _ in pairs(facts)}
    assert {("Q30", "Q184"), ("Q458", "Q184")} <= found


def test_adding_officials_to_a_states_own_list_sanctions_them(run) -> None:
    """'Seoul added twelve North Korean officials to its own list': a listing under South Korea's own
    regime, though the word 'sanctions' is in the sentence before, not this one; adding names to a guest
    list is none."""
    facts = run("The UN sanctions on North Korea go unenforced. South Korea added twelve North Korean officials "
                "to its own list in April, its first designations under President Lee Jae-myung. Japan added two "
                "items to the list of topics for the summit.",
                published=datetime(2025, 6, 2, tzinfo=UTC))
    found = {(i, t) for i, t, _ in pairs(facts)}
    assert ("Q884", "Q423") in found and not any(i == "Q17" for i, _ in found)


def test_a_body_that_votes_to_lift_sanctions_is_their_imposer(run) -> None:
    """'UNITED NATIONS, Nov 6 - The UN Security Council voted on Thursday to lift sanctions on ...': the
    infinitive, which the parse hangs on 'voted' as an adverbial clause, acts for the Council; one hung on
    'vetoed' does not act for the vetoing state."""
    facts = run("UNITED NATIONS, Nov 6, 2025 - The UN Security Council voted on Thursday to lift sanctions on "
                "Syrian Interior Minister Anas Khattab.", published=datetime(2025, 11, 6, tzinfo=UTC))
    assert [s.imposers for s in facts.sanctions] == [["Q37470"]]
    vetoed = run("UNITED NATIONS, Aug 30, 2023 - Russia vetoed a resolution to renew the U.N. sanctions regime on "
                 "Mali.", published=datetime(2023, 8, 30, tzinfo=UTC))
    assert not any("Q159" in s.imposers for s in vetoed.sanctions)


def test_listings_a_state_restores_or_lifts_are_its_sanctions(run) -> None:
    """'Britain said it would restore its national listings': a regime's listings under a status verb are
    sanctions, their target the one the paragraph gives; a listing no status verb governs is none."""
    facts = run("The European Union will reinstate its nuclear sanctions on Iran. Britain said it would restore "
                "its national listings the same day. The stock's listing in London drew buyers.",
                published=datetime(2025, 9, 29, tzinfo=UTC))
    found = {(i, t) for i, t, _ in pairs(facts)}
    assert found == {("Q458", "Q794"), ("Q145", "Q794")}


def test_an_imposer_that_keeps_designating_designates(run) -> None:
    """'The U.S. Treasury has kept designating the people and companies that help North Korea ...': the
    listing verb inherits its imposer from 'kept'; the regime is the one on North Korea."""
    facts = run("North Korea still sells arms abroad. The U.S. Treasury has kept designating the people and "
                "companies that help North Korea hide the trade.", published=datetime(2025, 6, 2, tzinfo=UTC))
    assert ("Q30", "Q423") in {(i, t) for i, t, _ in pairs(facts)}


def test_those_penalties_an_imposer_takes_up_are_the_ones_told_before(run) -> None:
    """'Canada said it would align with those penalties', 'Australia has adopted the same measures': an
    imposer joins the sanctions the article told last (on Libya); 'those measures' no imposer takes up
    stay none."""
    facts = run("The Security Council first imposed sanctions on Libya in 2011. The measures include an arms "
                "embargo. Canada said on Monday it would align with those penalties. Australia has adopted the "
                "same measures. Critics say those measures failed.", published=datetime(2024, 3, 1, tzinfo=UTC))
    found = {(i, t) for i, t, _ in pairs(facts)}
    assert found == {("Q37470", "Q1016"), ("Q16", "Q1016"), ("Q408", "Q1016")}


def test_measures_an_imposers_relative_clause_imposed_are_its_sanctions(run) -> None:
    """'the measures Washington imposed in 2019': an imposer's contact clause imposes the measures, whose
    target the sentence gives (Venezuela); measures imposed in a story about no sanctions are none."""
    facts = run("Sanctions were a theme of the campaign. Venezuela's oil output has never recovered from the "
                "measures Washington imposed in 2019.", published=datetime(2024, 7, 1, tzinfo=UTC))
    assert ("Q30", "Q717", "Imposed") in pairs(facts)
    pandemic = run("The measures Beijing imposed during the pandemic hurt growth in China.",
                   published=datetime(2024, 7, 1, tzinfo=UTC))
    assert not pandemic.sanctions


def test_a_passive_clause_does_not_inherit_the_first_clauses_subject(run) -> None:
    """'Russia drafted a delay. It won only four votes, and the sanctions on Iran were restored': the
    sanctions were restored by no one the sentence names, not by the draft's sponsor."""
    facts = run("Russia drafted a resolution to delay the process. It won only four votes on Friday, and the "
                "sanctions on Iran were restored the following night.", published=datetime(2025, 9, 29, tzinfo=UTC))
    assert not any("Q159" in s.imposers for s in facts.sanctions)


def test_a_transcripts_speaker_label_imposes_nothing(run) -> None:
    """'DPA: The European Union, in its latest decision, listed three companies in mainland China': the
    news agency asking the question is no imposer, though the parse makes it a subject of the sentence."""
    facts = run("Mao Ning: Good afternoon.\n\nDPA: The European Union, in its latest decision, listed three "
                "companies in mainland China. What is your comment?", published=datetime(2024, 4, 3, tzinfo=UTC))
    assert {i for s in facts.sanctions if "Q148" in s.targets for i in s.imposers} == {"Q458"}


def test_firms_a_listing_names_among_its_targets_place_it_in_their_states(run) -> None:
    """'50 individuals and entities, among them several companies in India and Turkey', '40 entities,
    including companies in India and Turkey': the listing targets both states."""
    among = run("Britain also added 50 individuals and entities to its asset-freeze list, among them several "
                "companies in India and Turkey that it accuses of shipping machine tools to the army.",
                published=datetime(2024, 3, 1, tzinfo=UTC))
    including = run("The United States sanctioned 40 entities, including companies in India and Turkey.",
                    published=datetime(2024, 3, 1, tzinfo=UTC))
    assert {("Q145", "Q668"), ("Q145", "Q43")} <= {(i, t) for i, t, _ in pairs(among)}
    assert {("Q30", "Q668"), ("Q30", "Q43")} <= {(i, t) for i, t, _ in pairs(including)}


def test_a_package_of_sanctions_is_its_owners(run) -> None:
    """'Canada's new package of sanctions against Russia listed nine firms in Belarus': the package's
    owner imposes the sanctions it holds and lists the firms it names."""
    facts = run("Canada's new package of sanctions against Russia listed nine firms in Belarus. Britain's latest "
                "round of sanctions on Iran targeted the Revolutionary Guards.",
                published=datetime(2024, 3, 1, tzinfo=UTC))
    found = {(i, t) for i, t, _ in pairs(facts)}
    assert {("Q16", "Q159"), ("Q16", "Q184"), ("Q145", "Q794")} <= found


def test_firms_sanctioned_for_dealing_with_a_state_put_the_regime_on_it(run) -> None:
    """'secondary sanctions on foreign banks that deal with Tehran': the regime is on the state the firms
    deal with; firms with a state of their own ('Chinese banks that deal with Russia') are on theirs."""
    facts = run("Washington has threatened secondary sanctions on foreign banks that deal with Tehran. The Treasury "
                "warned of sanctions on Chinese banks that deal with Russia's arms makers.",
                published=datetime(2024, 3, 1, tzinfo=UTC))
    found = {(i, t) for i, t, _ in pairs(facts)}
    assert ("Q30", "Q794") in found
    assert not any(t == "Q159" for _, t in found)

def test_an_occasion_after_on_is_no_target(run) -> None:
    """'agreed in February on the second anniversary of the invasion': the anniversary is no target that
    the text names without an entity, so the sanctions take the story's target."""
    facts = run("Russia's invasion of Ukraine began in 2022. The European Union agreed new sanctions on the second "
                "anniversary of the invasion.", published=datetime(2024, 6, 1, tzinfo=UTC))
    assert {t for s in facts.sanctions if "Q458" in s.imposers for t in s.targets} == {"Q159"}

def test_an_owned_numbered_package_is_its_owners_sanctions(run) -> None:
    """'The European Union's 14th package, agreed on Monday, targets ...' in a story about sanctions: the
    package stands for the EU's sanctions, on the story's target; an aid package is none."""
    facts = run("Sanctions have not stopped Russia's war. The European Union's 14th package, agreed on Monday, "
                "targets liquefied gas.", published=datetime(2024, 6, 1, tzinfo=UTC))
    assert ("Q458", "Q159") in {(i, t) for i, t, _ in pairs(facts)}
    aid = run("Sanctions on Russia stay. The European Union's latest aid package for Ukraine was agreed on Friday.",
              published=datetime(2024, 6, 1, tzinfo=UTC))
    assert not any("Q458" in s.imposers for s in aid.sanctions)

def test_measures_a_clause_announced_against_a_target_are_sanctions(run) -> None:
    """'the punitive measures the United States and Britain announced on Monday against Russia's two largest
    oil producers': with a target, an announcing clause imposes the measures too."""
    facts = run("Sanctions are the Kremlin's daily business. It shrugged off the punitive measures the United "
                "States and Britain announced on Monday against Russia's two largest oil producers.",
                published=datetime(2025, 10, 23, tzinfo=UTC))
    assert {("Q30", "Q159"), ("Q145", "Q159")} <= {(i, t) for i, t, _ in pairs(facts)}

def test_countersanctions_are_sanctions(run) -> None:
    facts = run("Beijing hit back with countersanctions on seven American drone makers.",
                published=datetime(2024, 6, 1, tzinfo=UTC))
    assert ("Q148", "Q30") in {(i, t) for i, t, _ in pairs(facts)}

def test_firms_that_help_or_sell_to_a_state_put_the_regime_on_it(run) -> None:
    """'sanctions on firms that help Moscow evade export curbs', 'on traders that sell drone parts to
    Russia': the firms are sanctioned for what they do for Russia."""
    helping = run("The European Union imposed sanctions on firms that help Moscow evade export curbs.",
                  published=datetime(2024, 6, 1, tzinfo=UTC))
    selling = run("Britain imposed sanctions on traders that sell drone parts to Russia.",
                  published=datetime(2024, 6, 1, tzinfo=UTC))
    assert ("Q458", "Q159") in {(i, t) for i, t, _ in pairs(helping)}
    assert ("Q145", "Q159") in {(i, t) for i, t, _ in pairs(selling)}


def test_a_law_named_in_the_paragraph_or_called_the_law_imposes_its_programmes(run) -> None:
    """A known instrument's imposer imposes the sanctions its paragraph tells without one ("CAATSA was
    later turned on ... the administration sanctioned ..."), and those of a paragraph that calls it "the
    law" ("The law set out penalties against Iran")."""
    facts = run("Congress passed CAATSA in July 2017 by a veto-proof margin.\n\n"
                "The law set out penalties against Iran over its ballistic missiles and measures against North "
                "Korea over its weapons tests.\n\n"
                "CAATSA was later turned on buyers of Russian arms. In 2018 the administration sanctioned a "
                "Chinese military agency over its purchase of fighter jets.", published=PUBLISHED)
    assert {("Q30", "Q794"), ("Q30", "Q148")} <= {(i, t) for i, t, _ in pairs(facts)}


def test_a_states_agency_the_gazetteer_lacks_is_sanctioned_as_that_state(run) -> None:
    facts = run("Washington sanctioned Turkey's defence procurement agency in December 2020 over its purchase "
                "of the S-400 system.", published=PUBLISHED)
    assert pairs(facts) == {("Q30", "Q43", "Imposed")}


def test_a_state_that_enforces_sanctions_told_before_does_not_impose_them(run) -> None:
    facts = run("The Security Council has imposed sanctions on North Korea since 2006. China says it enforces the "
                "sanctions in full, but smuggling across the Yalu continues.", published=PUBLISHED)
    assert {(i, t) for i, t, _ in pairs(facts)} == {("Q37470", "Q423")}


def test_a_state_adjective_coordinated_with_an_imposer_imposes_too(run) -> None:
    facts = run("Secretary of State Mike Pompeo has repeated that American and UN sanctions will remain until North "
                "Korea dismantles its nuclear arsenal.", published=PUBLISHED)
    assert {(i, t) for i, t, _ in pairs(facts)} == {("Q1065", "Q423"), ("Q30", "Q423")}


def test_a_wire_dateline_parsed_as_the_subjects_modifier_imposes_nothing(run) -> None:
    facts = run("LUXEMBOURG, October 14 (Diplograph) - European Union foreign ministers on Monday formally adopted "
                "sanctions against Belarus, targeting its potash exports.", published=PUBLISHED)
    assert {(i, t) for i, t, _ in pairs(facts)} == {("Q458", "Q184")}


def test_a_state_acting_in_the_sentence_is_not_the_implicit_target(run) -> None:
    """A sanction naming no target takes the article's evident one, not the subject of another clause of
    its sentence ("Japan can do little ... while UN sanctions stay in force")."""
    facts = run("North Korea tested another ballistic missile on Tuesday, its third this month.\n\n"
                "Experts say Japan can do little to calm the region while UN Security Council sanctions stay in "
                "force.", published=PUBLISHED)
    assert {(i, t) for i, t, _ in pairs(facts)} == {("Q37470", "Q423")}


def test_an_imposers_measures_set_beside_sanctions_are_sanctions(run) -> None:
    facts = run("Iran sanctions are now fixed in American law, while European Union measures, reviewed every year, "
                "could lapse.", published=PUBLISHED)
    assert ("Q458", "Q794") in {(i, t) for i, t, _ in pairs(facts)}


def test_a_resolution_that_tightens_sanctions_is_the_security_councils(run) -> None:
    facts = run("Last year China vetoed a resolution that would have tightened the sanctions on North Korea after "
                "its missile launches.", published=PUBLISHED)
    assert {(i, t) for i, t, _ in pairs(facts)} == {("Q37470", "Q423")}


def test_a_leader_who_says_sanctions_remain_speaks_of_his_states_own(run) -> None:
    facts = run("North Korea fired two missiles on Monday. President Joe Biden said sanctions remain in place until "
                "Pyongyang returns to talks.", published=PUBLISHED)
    assert {(i, t) for i, t, _ in pairs(facts)} == {("Q30", "Q423")}


def test_an_instrument_named_in_the_next_paragraph_imposes_nothing_here(run) -> None:
    """A sentence that ends its paragraph carries the blank line after it; the law the next paragraph
    names is not in its paragraph, so "sanctions relief" there has no imposer and is no sanction."""
    facts = run("Moon Jae-in met Kim Jong-un in Pyongyang on Tuesday. Asked whether he thought sanctions relief was "
                "possible, Moon was careful, saying only that he believed the talks would go on.\n\nWashington is "
                "another matter. Russia remains under American sanctions imposed under the Countering America's "
                "Adversaries Through Sanctions Act.", published=datetime(2018, 9, 20, tzinfo=UTC))
    assert [(s.imposers, s.targets, s.status) for s in facts.sanctions] == [(["Q30"], ["Q159"], None)]


def test_our_sanctions_in_a_leaders_transcript_turn_are_his_states(nlp) -> None:
    """A leader's "our" and "we" in his turn of a press-conference transcript are his state, the label
    naming him by office ("THE PRESIDENT:") as well as by name; the reporter's turn is no one's."""
    text = ("Thursday, March 24, 2022.\n\nTHE PRESIDENT: Thank you. We met for three hours this morning.\n\n"
            "Q: Will you go further on Russia?\n\nTHE PRESIDENT: Our sanctions are working, and we will keep "
            "them as long as the war goes on.")
    article = Article(text=text, source="t.txt", title="Remarks by President Joe Biden after the NATO summit",
                      published=datetime(2022, 3, 24, tzinfo=UTC))
    facts = extract(article, nlp(text))
    assert ("Q30", "Q159") in {(i, t) for i, t, _ in pairs(facts)}


def test_sanctions_the_parse_hangs_on_a_list_of_imposers_are_all_of_theirs(run) -> None:
    """"on EU, UK and US sanctions": the parse makes the sanctions a conjunct of "UK", itself one of "EU";
    all three impose, and the UK is no target of the US."""
    facts = run("She advises banks on EU, UK and US sanctions against Russia.", published=PUBLISHED)
    assert {(i, t) for i, t, _ in pairs(facts)} == {("Q458", "Q159"), ("Q145", "Q159"), ("Q30", "Q159")}


def test_imposers_side_by_side_with_different_targets_told_take_the_articles_evident_one(run) -> None:
    """"EU, UK and US sanctions" with no target: the EU's last sanction was on Belarus, the US's on Russia, so
    neither imposer's own gives the target; the known target the article names most does."""
    facts = run("Russia's war in Ukraine goes on. The European Union adopted parallel measures against Belarus on "
                "Friday. Washington has not added sanctions of its own since January, when it targeted two Russian "
                "oil producers.\n\nOur team advises banks on EU, UK and US sanctions.",
                published=datetime(2025, 7, 21, tzinfo=UTC))
    [listed] = [s for s in facts.sanctions if "advises" in s.evidence.text]
    assert sorted(listed.imposers) == ["Q145", "Q30", "Q458"] and listed.targets == ["Q159"]


def test_a_country_in_a_wire_dateline_is_no_modifier_of_the_subject(run) -> None:
    """"GRANADA, Spain - Leaders of the European Union ...": the parse hangs the dateline's country on the
    subject; the leaders are the EU's, not Spain's."""
    facts = run("GRANADA, Spain - Leaders of the European Union on Friday agreed new sanctions on Iran over its "
                "drone deliveries to Russia.", published=PUBLISHED)
    assert {(i, t) for i, t, _ in pairs(facts)} == {("Q458", "Q794")}


def test_sanctions_extended_to_someone_target_them(run) -> None:
    """A "to" phrase on a verb of extending sanctions names whom they now reach, on the verb or on the
    sanctions; a date there adds no target."""
    facts = run("The United States expanded its sanctions to Chinese banks that handle Russian oil payments. The "
                "European Union extended its sanctions on Iran to January 31.", published=PUBLISHED)
    assert {(i, t) for i, t, _ in pairs(facts)} == {("Q30", "Q148"), ("Q458", "Q794")}


def test_cutting_a_state_s_banks_out_of_swift_or_off_from_finance_sanctions_it(run) -> None:
    """A cut-off from SWIFT or finance is a sanction by the verb's subject, or in the passive by those who
    announce it; cutting gas supplies or expelling diplomats from talks is none."""
    facts = run("Canada and Japan announced that five Iranian banks would be removed from SWIFT next week. Britain "
                "cut two Belarusian lenders out of the SWIFT network in March, and Australia is cutting Syria off "
                "from Western finance. Russia cut gas supplies to Moldova, and North Korean envoys were expelled "
                "from the talks.", published=datetime(2022, 4, 2, tzinfo=UTC))
    found = pairs(facts)
    assert {("Q16", "Q794", "Imposed"), ("Q17", "Q794", "Imposed"), ("Q145", "Q184", "Imposed"),
            ("Q408", "Q858", "Imposed")} <= found
    assert not [s for s in facts.sanctions if "gas" in s.evidence.text or "envoys" in s.evidence.text]


def test_a_sanctions_resolution_the_gazetteer_knows_names_its_regime(run) -> None:
    """'The Security Council adopted Resolution 2375': a numbered resolution the gazetteer records as a
    sanctions instrument is that regime, with its recorded imposer and target, without a word of
    sanctions; a number the gazetteer does not know names none, and a resolution that is only the basis
    of another's step is left to that step."""
    facts = run("The Security Council unanimously adopted Resolution 2375 on Monday, a week after the sixth "
                "nuclear test by North Korea. A draft on Myanmar, Resolution 2669, was adopted in December.",
                published=datetime(2017, 9, 12, tzinfo=UTC))
    assert pairs(facts) == {("Q37470", "Q423", "Imposed")}
    [regime] = facts.sanctions
    assert regime.legal_basis == "Resolution 2375"
    basis = run("Japan froze the assets of two Singapore shipping firms under Resolution 2270 on Friday.",
                published=datetime(2017, 9, 12, tzinfo=UTC))
    assert {i for i, _, _ in pairs(basis)} == {"Q17"}


def test_who_wants_sanctions_lifted_is_their_target_not_their_imposer(run) -> None:
    """'the sanctions North Korea wanted eased' (a clause without 'that', which the small model misreads),
    'Iran wants the sanctions lifted': who wants them lifted or eased is their target, and the status is a
    demand; 'the sanctions the United States lifted on Cuba' keeps its imposer."""
    facts = run("Trump and Kim met in Singapore in June. The sanctions North Korea wanted eased are not small "
                "print. Rouhani spoke in New York on Tuesday. Iran wants the sanctions removed, he said. The "
                "sanctions the United States lifted on Cuba in 2015 came back.", published=PUBLISHED)
    found = pairs(facts)
    assert all(i not in ("Q423", "Q794") for i, _, _ in found)
    assert {t for s in facts.sanctions if s.status == "LiftingDemanded" for t in s.targets} >= {"Q423", "Q794"}
    assert ("Q30", "Q241") in {(i, t) for i, t, _ in found}


def test_a_restrictive_regime_of_a_body_is_its_sanctions(run) -> None:
    """'the restrictive regime of the UN Security Council against Iran': a regime called restrictive is a
    sanctions regime, and an organisation in its 'of' phrase imposes it; 'the Kim regime' is none."""
    facts = run("Lavrov said the restrictive regime of the UN Security Council against Iran had outlived its "
                "purpose. He added that the Kim regime of North Korea was a neighbour like any other.",
                published=datetime(2019, 5, 2, tzinfo=UTC))
    assert {(i, t) for i, t, _ in pairs(facts)} == {("Q37470", "Q794")}


def test_measures_aimed_at_someone_target_them(run) -> None:
    """'measures aimed at North Korean shipping firms', 'penalties directed at three Chinese companies': an
    'at' phrase on a verb of aiming names the target, so measures with an imposer are sanctions; 'aimed
    at calming markets' names none."""
    facts = run("Japan announced measures aimed at North Korean shipping firms on Tuesday. Australia imposed "
                "penalties directed at three Chinese companies. Officials said the steps were aimed at calming "
                "markets.", published=PUBLISHED)
    assert {(i, t) for i, t, _ in pairs(facts)} == {("Q17", "Q423"), ("Q408", "Q148")}
