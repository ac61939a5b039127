"""Actor attribution: whose position a statement expresses (STANCE_GUIDE.md).

A careful reader looks, in order, for: the speaker of a quotation or of
reported speech ("X said", "said X", "according to X", "X told reporters");
else the subject whose position the sentence describes. Pronouns ("he"),
bare role nouns ("the minister said") and role phrases ("the Kremlin chief")
resolve to actors named before. Datelines ("MOSCOW, Aug 21 /TASS/ —") are not
actors. Analysts and people the seeds do not know only describe somebody
else's position: the described party is the actor, or nobody. Two sides as
one subject ("the two leaders met", "Kyiv and Moscow agreed") give no actor.

Unnamed officials speak for a side's government; an official reporting their
own side's step is the actor ("According to the minister, the chancellor ...").
A name beats the role noun or possessive before it ("Putin's aide Vladimir
Medinsky", "His foreign minister, S. Jaishankar,"). Role nouns that name no
side ("the Supreme Leader") count only once the article has named that side.
Genres have their own speakers: the answers of a Q-and-A interview are the
interviewee's, and an op-ed's first person and unattributed argument are the
author's when a closing byline names a listed person.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date

from models.gazetteer import Gazetteer, normalize

SPEECH_VERBS = (
    r"said|says|say|stated|states|state|told|tells|tell|added|adds|insisted|insists|"
    r"argued|argues|stressed|stresses|warned|warns|noted|notes|declared|declares|"
    r"wrote|writes|explained|explains|claimed|claims|asserted|asserts|remarked|remarks|"
    r"replied|responded|continued|concluded|included|informed|informs|mentioned|"
    r"emphasised|emphasized|acknowledged|announced|announces|posted|tweeted|worried|"
    r"suggested|believes|expects|thinks|sees|read|reads|clamored|clamoured|"
    r"dismissed|called|accused|recommended|confirmed|denied|told reporters|made it clear|"
    r"made clear"
)
SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.IGNORECASE)
PREPOSITIONS = frozenset(
    [
        "with",
        "to",
        "between",
        "against",
        "toward",
        "towards",
        "from",
        "by",
        "of",
        "for",
        "on",
        "at",
        "about",
        "than",
        "into",
        "like",
        "including",
        "beyond",
        "over",
        "under",
        "among",
        "amid",
        "after",
        "before",
        "without",
        "upon",
        "via",
        "versus",
        "vs",
        "alongside",
        "behind",
        "near",
        "through",
        "throughout",
        "across",
        "within",
        "in",
    ]
)
PLACE_MODIFIERS = frozenset(
    ["the", "southern", "northern", "eastern", "western", "central", "occupied"]
)
# Nouns that make the word before them a modifier, not a verb: "state media".
MODIFIED_NOUNS = frozenset(["media", "television", "tv", "radio", "news", "broadcaster"])
# Words that end a subject noun phrase: auxiliaries and common irregular verbs.
VERB_WORDS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "must",
        "should",
        "shall",
        "does",
        "did",
        "do",
        "says",
        "said",
        "told",
        "tells",
        "made",
        "gave",
        "took",
        "sent",
        "met",
        "held",
        "went",
        "came",
        "left",
        "saw",
        "spoke",
        "got",
        "put",
        "kept",
        "brought",
        "sought",
        "wants",
        "hopes",
        "fears",
        "knows",
        "sees",
        "appears",
        "seems",
        "that",
        "who",
        "which",
        "whose",
        "where",
        "when",
        "because",
        "if",
        "while",
        "as",
        "remains",
        "stays",
        # irregular past and present-tense verbs the "-ed" test misses
        # ("Zelenskyy sat down with ...", "Russia keeps pounding ...")
        "sat",
        "stood",
        "flew",
        "led",
        "won",
        "lost",
        "fought",
        "struck",
        "began",
        "wrote",
        "became",
        "chose",
        "drew",
        "fell",
        "felt",
        "found",
        "grew",
        "knew",
        "paid",
        "rose",
        "spent",
        "thought",
        "keeps",
        "continues",
        "refuses",
        "rejects",
        "treats",
        "accuses",
        "denies",
        "blames",
        "insists",
        "considers",
        "regards",
        "prefers",
        "believes",
        "expects",
        "intends",
        "seeks",
        "reports",
        "confirms",
    ]
)
# Adverbs a subject never holds, which a spinner puts between subject and verb
# ("The Kosovar chief moreover mentioned ..."): they end the subject too.
CLAUSE_ADVERBS = frozenset(
    [
        "moreover",
        "additionally",
        "also",
        "likewise",
        "furthermore",
        "meanwhile",
        "however",
        "too",
        "then",
        "again",
        "already",
        "still",
        "never",
        "repeatedly",
        "reportedly",
        "previously",
        "subsequently",
        "similarly",
        "nonetheless",
        "nevertheless",
    ]
)
# Words after which such an adverb is still inside the phrase: "Serbia and also
# Kosovo", "Back then Zelenskyy believed".
_ADVERB_HOSTS = frozenset(
    ["and", "or", "but", "nor", "back", "since", "until", "till", "by", "even", "just"]
)


def _ends_subject(words: list[str]) -> bool:
    """Whether a clause adverb after these words closes the subject noun phrase."""
    return bool(words) and words[-1].lower() not in _ADVERB_HOSTS


ANALYST_WORDS = re.compile(
    r"\b(?:experts?|analysts?|observers?|commentators?|scholars?|researchers?|"
    r"critics|pundits|historians?|professor|teacher|fellow|think tank|political scientist)\b",
    re.IGNORECASE,
)
# Heads of a noun phrase that let a name after a preposition be its actor
# ("a source close to the RSF", "the foreign ministry in Port Sudan").
INSTITUTION_HEADS = frozenset(
    [
        "source",
        "sources",
        "ministry",
        "office",
        "officials",
        "official",
        "officers",
        "aide",
        "adviser",
        "advisor",
        "others",
        "some",
        "many",
        "those",
        "critics",
        "hardliners",
        "diplomats",
        "diplomat",
        "command",
        "council",
        "government",
        "authorities",
        "delegation",
        "leaders",
        "chairman",
        "chief",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "envoy",
    ]
)
# Heads after a side adjective that make "a senior Iranian official" that side.
OFFICIAL_HEADS = re.compile(
    r"(?:[A-Z][\w-]*\s+){0,3}(?:side|aspect|facet|government|authorit(?:y|ies)|officials?|"
    r"officers|diplomats?|"
    r"ministry|minister|delegation|negotiators?|leadership|envoy|sources?|spokes\w+|"
    r"army|military|forces|pressures|command|administration|regime|state\s+(?:media|television|tv|radio|"
    r"news\s+agency))\b|"
    # a side's forces act for it: "Israeli drones struck", "Korrundi border soldiers"
    r"(?:[\w-]+\s+){0,2}(?:drones|artillery|troops|soldiers|jets|warplanes|aircraft|missiles?|"
    r"rockets|shelling|warships|units|fighters|airstrikes|"
    r"navy|air force|coast guard|border guards?|guards)\b",
    re.IGNORECASE,
)
# After "X's": nouns that are X acting as a side, or X's own position.
SIDE_NOUNS = frozenset(
    [
        "camp",
        "side",
        "aspect",  # machine paraphrase of "side"
        "facet",
        "team",
        "delegation",
        "negotiators",
        "negotiating",
        "government",
        "administration",
        "leadership",
        "ruling",
        "coalition",
        "allies",
        "officials",
        "ministry",
    ]
)
# After "X's", with other words before them: bodies and officers that speak or act
# for X's side ("Iran's foreign ministry", "Pakistan's generals").
BODY_NOUNS = frozenset(
    [
        "ministry",
        "presidency",
        "army",
        "military",
        "forces",
        "generals",
        "staff",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "embassy",
        "officers",
        "commanders",
        "director",
        "force",  # "Ukraine's air force"
        "workplace",  # the paraphraser's "office": "Lee's workplace stated ..."
        "guard",  # "Sundral's coast guard", "Iran's Revolutionary Guard"
        "guards",
        "coastguard",
        "navy",
        "police",
        "parliament",
        "cabinet",
        "service",  # "Russia's FSB security service"
    ]
)
# What "his"/"her" may own that gives the owner's own position ("Her answer was short").
SAID_NOUNS = frozenset(
    [
        "answer",
        "reply",
        "response",
        "message",
        "verdict",
        "words",
        "remarks",
        "comments",
        "position",
        "stance",
        "offer",
        "proposal",
        "demand",
        "demands",
        "conditions",
        "refusal",
    ]
)
# After "X's": what X says or holds, or what acts for X ("Putin's offer", "Aliyev's
# motorcade has pulled up"): X is the actor.
POSITION_NOUNS = SAID_NOUNS | frozenset(
    [
        "view",
        "views",
        "vision",
        "readiness",
        "statement",
        "statements",
        "line",
        "plan",
        "push",
        "pressure",
        "invitation",
        "letter",
        "bind",
        "calculus",
        "strategy",
        "decision",
        "approach",
        "insistence",
        "rejection",
        "advice",
        "readout",
        "office",
        "motorcade",
        "spokesman",
        "spokeswoman",
        "aide",
        "envoy",
    ]
)
# "The Azerbaijani leader": a side adjective and a title held by one person.
LEADER_TITLE = re.compile(
    r"^the\s+([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)\s+(?:leader|president|prime minister|"
    r"head of state|head of government|chancellor|premier|chief|head)$",
    re.IGNORECASE,
)
# A noun phrase that ends in a meeting noun is about the meeting, not a party.
MEETING_HEAD = re.compile(r"\b(?:summit|summits|meeting|meetings|talks|encounter)$")
BARE_ROLES = re.compile(
    r"^the\s+(minister|foreign minister|spokesperson|spokesman|spokeswoman|president|"
    r"top diplomat|leading diplomat|chief diplomat|"
    r"prime minister|chancellor|envoy|aide|adviser|negotiator|head of state|pinnacle of state|"
    r"leader|"
    r"supreme leader)\b",
    re.IGNORECASE,
)
SUBORDINATE_START = re.compile(
    r"^(?:after|before|when|where|which|who|whom|whose|while|as|because|although|though|if|"
    r"since|until|unless|whereas|whatever|whoever|whichever|however|whenever|wherever)\b",
    re.I,
)
# Where an analyst's main clause ends: "no summit while Kesh is governed ...".
SUBORDINATE_CLAUSE = re.compile(r"\b(?:while|unless|until|as long as|because|if|when)\b")
# "..., who, he said, should stop ...": a pronoun's speech set inside a clause.
EMBEDDED_PRONOUN_SPEECH = re.compile(r",\s*(?:he|she)\s+(?:said|says|added|stressed),\s*\w")
# A source placed by region rather than side reports; the city it sits in is
# not its side.
FOREIGN_SOURCE = re.compile(
    r"\b(?:Western|foreign|European|Arab|Asian|African|regional|international)\s+"
    r"(?:diplomats?|officials?|sources?|observers?)\b"
)
EXPLETIVE_IT = re.compile(
    r"^it\s+(?:(?:is|was|would be|will be|could be|may be|might be)\s+(?:a|an)\s|seems|appears)",
    re.I,
)
POSSESSIVE_SIDE = re.compile(
    r"^(?:his|her)\s+(?:own\s+)?(?:government|administration|cabinet|side|camp|ministers?)\b",
    re.I,
)
# "That was how Peskov answered ...", "It was Modi himself who ...": the party
# after the cleft is the one whose words or deed the sentence gives.
CLEFT = re.compile(
    r"^(?:[Tt]hat|[Tt]his)\s+(?:was|is)\s+(?:also\s+)?(?:how\s+|what\s+)?|"
    r"^It\s+(?:was|is)\s+(?=[A-Z])"
)
LAST_SPEAKER_NOUNS = re.compile(r"^the\s+(?:statement|readout|communique|post)\b", re.I)
# Officials and bodies that speak for a government, unlike sources or diplomats.
UNNAMED_BODY = re.compile(
    r"^(?:(?:the|an?)\s+(?:(?:[a-z-]+|Foreign|Defen[cs]e|Interior)\s+)*"
    r"(?:officials?|authorities|ministry|spokes(?:man|woman|person)|presidency)|"
    r"the\s+Ministry\s+of)\b",
    re.I,
)
UNNAMED_SOURCE = re.compile(
    r"\b(?:official|officials|source|sources|diplomat|diplomats|aide|insider)\b", re.I
)
ADVERBS = r"(?:\s+(?:\w+ly|also|then|later|again|earlier|has|had|have|will|would))*"
BOTH_SIDES = re.compile(
    r"^(?:the\s+)?(?:two|2|both)\s+(?:leaders|men|presidents|sides|generals|countries|"
    r"nations|delegations|commanders|governments|ministers)\b|^the\s+leaders\b",
    re.IGNORECASE,
)
# Datelines: "MOSCOW, Aug 21 /TASS/ —", "ADDIS ABABA, June 26 –", "DOHA –",
# "Caracas, August 20 –"; live-blog times: "08:05 KST —", "09:35", "13:15 Back
# to the border story:".
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_AGENCY = r"(?:\([\w .-]+\)|/[\w .-]+/)"
OF_BOTH_SIDES = re.compile(
    r"\b(?:of|from|in)\s+(?:the\s+)?(?:two|2|both)\s+(?:sides|governments|countries|nations|"
    r"(?:[a-z]+\s+)?ministries|delegations|capitals|armies|militaries)\b",
    re.IGNORECASE,
)
DATELINE = re.compile(
    rf"^\s*(?:[A-Z][\w .,'’-]{{0,60}}?\s*{_AGENCY}\s*|"
    rf"[A-Z][\w.'’/ -]{{1,40}}?,\s+{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*{_AGENCY}?\s*|"
    r"[A-Z][A-Z.'’/ -]{1,40}?\s+)(?:--|—|–|-)\s*|"
    r"^\s*\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?\s*(?:(?:--|—|–|-|:)\s*"
    r"(?:[A-Z][\w' ]{0,30}:\s+)?|"  # "10:30 - A reminder of how we got here: ..."
    r"[A-Z][\w' ]{0,40}:\s+(?=[A-Z])|(?=[A-Z\W]))"
)
FRONTED = re.compile(
    r"^(?:(?:In|At|On|For|Since|After|Before|During|Following|Amid|Despite|Until|When|"
    r"By\s+(?:[\w-]+\s+)?[\w-]+'s\s+(?:account|telling|reckoning)|By contrast|"
    r"[Rr]egardless|[Dd]espite|[Ii]n spite|"
    r"While|As|Although|Though|Asked|Speaking|Touching|Referring|Responding|Writing|"
    r"Addressing|Earlier|Later|Now|Still|Meanwhile|However|Yet|Instead|Rather|"
    r"Nevertheless|Separately|Recently|Previously|Just|Ever|Also|Moreover|Last|This|"
    r"Overnight|Over\s+night|Shortly|Soon|"
    r"Under|With|Without|Through|Unlike|Like|Once|If)\b[^,]{0,160}|"
    r"(?:\w+\s+){0,2}(?i:minutes?|hours?|days?|weeks?|months?|years?)\s+(?:after|before|later|earlier|ago)"
    r"[^,]{0,100}|[A-Z][a-z]+ing\b[^,]{0,160}|That)\s*,\s*"
)
PHRASE_BEFORE_PRONOUN = re.compile(
    r"^(?:(?:In|At|On|During)\s+(?:a|an|the|his|her|their)\s[^,]{0,60}?|"
    r"(?:Earlier|Later|Then|Afterwards|Meanwhile|Overnight)\b[^,]{0,40}?)\s(?=(?:he|she|they|the)\s)"
)
# An unnamed member of a party's staff: "a senior aide to Rehzani", "an official close to".
UNNAMED_STAFF = re.compile(
    r"^(?:an?|the|one)\s+(?:senior\s+|top\s+|close\s+)?(?:aide|adviser|advisor|official|"
    r"officer|spokes(?:man|woman|person)|diplomat|source)s?\s+(?:to|of|for|close to|in)\b",
    re.I,
)
# "the group", "the rebels": the organisation the article last named.
GROUP_NOUN = re.compile(
    r"^the\s+(?:[a-z-]+\s+)?(?:group|movement|militia|rebels|organi[sz]ation)\b", re.I
)
# "X and his Mirzani counterpart": both sides as one subject.
WITH_COUNTERPART = re.compile(r"\band\s+(?:his|her|their)\s+(?:[\w-]+\s+)?counterparts?\b", re.I)
# "The army", "the federal government", "government aircraft": in a war with a
# rebel movement, the state that movement fights.
STATE_FORCES = re.compile(
    r"^(?:the\s+(?:(?:federal|central|national)\s+)?(?:government|army|military|armed\s+forces)|"
    r"(?:government|federal|state)\s+(?:forces|troops|aircraft|warplanes|soldiers|artillery|"
    r"drones|negotiators))\b",
    re.I,
)
# "The ministry added": the body that reported last, not a new one.
SAME_BODY = re.compile(r"^the\s+(?:defen[cs]e\s+)?ministry\b(?!\s+of\b|'s)", re.I)
# An interviewer's "your forces", "your government": the interviewee's side.
YOUR_SIDE = re.compile(
    r"^your\s+(?:[a-z-]+\s+)?(?:government|forces|fighters|troops|army|soldiers|side|country|"
    r"movement|group|militia|units|ministry|military|authorities|officials)\b",
    re.I,
)
# Fronted phrases led by a preposition or a participle hold no finite verb of
# their own: "For weeks Trump has kept ..., massing" is the main clause itself.
PHRASE_LEADS = re.compile(
    r"^(?:In|At|On|For|During|Following|Amid|Despite|Regardless|Under|With|Without|"
    r"Through|Unlike|Like|Last|Earlier|Later|Overnight|Shortly|Soon|[A-Z][a-z]+ing)\b"
)
FINITE_AFTER_NAME = re.compile(
    r"[A-Z][\w.'-]*(?:\s+\w+ly)?\s+(?:has|have|had|is|are|was|were|will|would|can|could|"
    rf"[a-z]+ed|{SPEECH_VERBS})\b"
)
# "For the first time since Russia invaded Ukraine," holds a clause of its own.
SUBORDINATOR = re.compile(
    r"\b(?:since|when|after|before|as|that|which|who|while|until|because|if)\b"
)
FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|[a-z]{3,}ed)\b")
_VIEW_NOUNS = (
    r"(?:view|eyes|mind|opinion|calculus|calculation|reading|reckoning|estimation|"
    r"assessment|judge?ment|thinking|telling|book|sight)"
)
VIEWPOINT = re.compile(
    rf"^(?:[Ff]or\s+(?P<for>[^,]+)\s*(?:,|$)|[Ii]n\s+(?P<poss>[^,]+?)'s\s+{_VIEW_NOUNS}\b\s*,?|"
    rf"[Ii]n\s+(?P<pron>his|her|my|our)\s+(?:(?:very\s+)?own\s+|personal\s+)?{_VIEW_NOUNS}\b\s*,?)"
)
# "in line with" is the paraphraser's "according to"
ACCORDING = re.compile(r"^\s*(?:according to|in line with)\s+", re.IGNORECASE)
CAPITALISED_NAME = re.compile(r"^(?:[A-Z][\w'.-]+\s+){0,3}[A-Z][\w'-]+")
NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "It",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Here",
        "Some",
        "Many",
        "Others",
        "Both",
        "Neither",
        "Each",
        "Such",
        "No",
        "Any",
        "All",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "Its",
        "What",
        "Whoever",
    ]
)


@dataclass(frozen=True)
class Mention:
    """An actor named in a text, with what stands right before it."""

    actor: str
    start: int
    end: int
    surface: str
    prepositional: bool
    possessive: bool


@dataclass(frozen=True)
class Party:
    """Who a noun phrase names: a known actor or somebody the seeds lack.

    `actor` None with `named` True means a phrase that names people but no
    single actor: both sides together, an unknown expert, the author.
    """

    actor: str | None
    person: bool = False
    analyst: bool = False
    named: bool = True
    official: bool = False


NOBODY = Party(None)


def mentions(text: str, gaz: Gazetteer, on: date | None) -> list[Mention]:
    """Every actor named in the text, in order (typographic apostrophes allowed)."""
    text = normalize(text)
    pattern, names = gaz.mention_pattern(on)
    found: list[Mention] = []
    for match in pattern.finditer(text):
        actor = gaz.lookup(match.group(1), names)
        if actor is None:
            continue
        before = text[: match.start()]
        prev_words = [w.lower() for w in re.findall(r"[\w']+", before)]
        while len(prev_words) > 1 and prev_words[-1] in PLACE_MODIFIERS:
            prev_words.pop()  # "throughout southern Armenia" is still prepositional
        prev = prev_words[-1] if prev_words else ""
        coordinated = (
            prev == "and"
            and found
            and found[-1].prepositional
            and match.start() - found[-1].end < 8
        )
        after = text[match.end() : match.end() + 2]
        found.append(
            Mention(
                actor,
                match.start(),
                match.end(),
                match.group(1),
                prev in PREPOSITIONS or bool(coordinated),
                after[:1] == "'" and after[1:2] in ("s", ""),
            )
        )
    return found


def side_adjectives(text: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """(start, end, side) of every country adjective ("Russian", not "Russian-backed")."""
    out = []
    for adjective, side in gaz.adjectives().items():
        for match in re.finditer(rf"(?<![\w-]){_adjective_regex(adjective)}(?![\w-])", text):
            out.append((match.start(), match.end(), side))
    return sorted(out)


def _adjective_regex(adjective: str) -> str:
    """A side adjective as a regex; a compass word opening a two-word one may be
    lower-case, as state media write it ("the south Korean authorities")."""
    first, _, rest = adjective.partition(" ")
    if rest and first.lower() in ("north", "south", "east", "west"):
        return f"[{first[0].upper()}{first[0].lower()}]{re.escape(first[1:])} {re.escape(rest)}"
    return re.escape(adjective)


@dataclass(frozen=True)
class Byline:
    """An opinion piece's author, named in its closing line."""

    actor: str
    sentence: str


def find_byline(last_sentence: str, gaz: Gazetteer, on: date | None) -> Byline | None:
    """The author an article's closing line presents ("Meera Raghunathan is a
    former Indian ambassador ..."), when the seeds list that person; their
    first-person sentences ("I do not believe ...") are then theirs."""
    text = normalize(last_sentence.strip())
    found = mentions(text, gaz, on)
    if not found or found[0].start != 0 or not gaz.actors[found[0].actor].is_person:
        return None
    if not re.match(r"^\s+is\s+(?:a|an)\s", text[found[0].end :]):
        return None
    return Byline(found[0].actor, last_sentence.strip())


# An op-ed's unattributed argument: a recommendation, a judgement, first person.
OPINION = re.compile(
    r"\b(?:should|ought to|would be a|can afford|let them|let us|let's|I|we)\b|^If\b.*\blet\b"
)
# The op-ed's own prescription, whoever it addresses: "Washington should stop
# treating this as a defeat" is the author's view, not Washington's.
PRESCRIPTION = re.compile(r"\b(?:should|ought to|deserves?)\b")
# Interview transcripts: "Q: ..." is the interviewer, "A: ..." the interviewee;
# some transcripts label answers with the interviewee's name ("Abernath: ...").
QA_LABEL = re.compile(r"^\s*([QA]|[A-Z][\w'’-]+):\s+")


INTERVIEW_CUE = re.compile(
    r"\b(?:interview(?:ed)?|spoke (?:to|with)|talked (?:to|with)|reached|sat down with|"
    r"conversation|we asked|asked (?:him|her))\b",
    re.I,
)


def find_interviewee(text: str, gaz: Gazetteer, on: date | None) -> str | None:
    """The person a Q-and-A interview questions: the one the sentence introducing
    the talk names before any speech verb, else the first person named before
    the first question."""
    first_question = re.search(r"(?m)^\s*Q:\s", text)
    if first_question is None:
        return None
    intro = text[: first_question.start()]
    # The sentence that introduces the talk ("We reached the Front's spokesman,
    # Ismael Garba, by video link") beats a person the news lead-in names first.
    for sentence in reversed(re.split(r"(?<=[.!?])\s+", intro.strip())):
        if INTERVIEW_CUE.search(sentence):
            # a person after a speech verb is spoken of ("she said President Voss ...")
            speech = SPEECH.search(sentence)
            named = sentence[: speech.start()] if speech else sentence
            people = [m.actor for m in mentions(named, gaz, on) if gaz.actors[m.actor].is_person]
            if people:
                return people[0]
            break
    for m in mentions(intro, gaz, on):
        if gaz.actors[m.actor].is_person:
            return m.actor
    return None


def strip_dateline(text: str) -> int:
    """Offset where the sentence starts once a dateline or timestamp is cut off."""
    match = DATELINE.match(text)
    return match.end() if match else 0


def _speech_verb(text: str) -> re.Match[str] | None:
    """The first speech verb in the text that is a verb: "state" after "of" or
    "the" is a noun ("French head of state Francois Hollande")."""
    for verb in SPEECH.finditer(text):
        before = re.findall(r"[\w']+", text[: verb.start()])
        if not before or before[-1].lower() not in (*PREPOSITIONS, "the", "a", "an"):
            return verb
    return None


def _is_clause(fronted: str) -> bool:
    """Whether a would-be fronted phrase is really a clause with its own verb.

    Prepositional phrases ("On Monday") cannot hold a named subject and a verb
    ("On Monday the State Department designated ..."); a participial phrase
    ("Receiving a delegation ...") holds no finite verb at all ("Fighting ...
    continued"). Conjunctions ("After Trump met Putin,") do lead clauses.
    """
    lead = PHRASE_LEADS.match(fronted)
    if lead is None:
        return False
    if lead.group().endswith("ing") and lead.group() not in ("During", "Following", "Regarding"):
        return FINITE.search(fronted[lead.end() :]) is not None
    main_part = SUBORDINATOR.split(fronted[lead.end() :], maxsplit=1)[0]
    return FINITE_AFTER_NAME.search(main_part) is not None


def _possessed_words(text: str) -> set[str]:
    """The words of what a possessive owns, up to its first preposition:
    "foreign ministry" in "Iran's foreign ministry in Tehran"."""
    words: set[str] = set()
    for word in re.findall(r"[\w']+", text.lower()):
        if word in PREPOSITIONS:
            break
        words.add(word)
    return words


def _first_word(text: str) -> str:
    words = re.findall(r"[\w']+", text)
    return words[0].lower() if words else ""


# How a body reports an event ("accused", "called" are its own position).
REPORTING_VERBS = r"(?:said|says|stated|states|reported|reports|added|confirmed)"
# Bodies that report events rather than voice positions.
REPORTING_BODY = re.compile(
    r"\b(?:ministry|military|army|air force|navy|coast guard|police|"
    r"forces|General Staff|command)\b",
    re.IGNORECASE,
)


def rest_of(text: str, content: str) -> str:
    """What follows a reported clause: its attribution."""
    return text[len(content) :]


# Words an inverted speaker ("..., said Kremlin spokesman Dmitry Peskov.") may
# run to before a comma or the end; longer, the verb opens a reported clause.
MAX_INVERTED_SPEAKER = 7


class Attributor:
    """Walks an article's sentences in order, carrying the last actors forward."""

    def __init__(
        self,
        gaz: Gazetteer,
        on: date | None,
        author: Byline | None = None,
        interviewee: str | None = None,
    ) -> None:
        self.gaz = gaz
        self.on = on
        self.author = author
        self.interviewee = interviewee
        self.answering = False
        self.paragraph: int | None = None
        self.last_actor: str | None = None
        self.last_org: str | None = None
        self.last_person: Party = NOBODY
        self.last_speaker: Party = NOBODY
        self.people_seen: list[str] = []
        self.orgs_seen: list[str] = []  # organisations (militias, movements) named
        self.last_body: Party | None = None  # the last body that reported an event
        self.people_acted: list[str] = []
        self.sides_seen: set[str] = set()
        self._describer: Party | None = None

    # --- public -------------------------------------------------------------------
    def sentence_actor(
        self,
        sentence: str,
        quote: str | None,
        attribution: str,
        paragraph: int | None = None,
        following: str = "",
    ) -> str | None:
        """The actor of one sentence; `quote` is its quotation, if it has one.
        `following` is the next sentence, which may name a bare quotation's
        speaker ("“Not on the agenda.” That was how Rouhani put it.")."""
        sentence = self._enter(sentence, paragraph)
        party = self._sentence_party(sentence, quote, attribution, following)
        if self.answering and self.interviewee:
            party = self._answer_party(party, sentence)
            self._remember(party)
        return party.actor

    def _enter(self, sentence: str, paragraph: int | None) -> str:
        """The sentence without its "Q:"/"A:" label. A label starts a question or
        an answer, which the following sentences of its paragraph continue."""
        label = QA_LABEL.match(sentence)
        if label and label.group(1) not in ("Q", "A") and not self._names_interviewee(label[1]):
            label = None  # "Note: ..." or another speaker's name is no answer label
        if label:
            self.answering = label.group(1) != "Q"
        elif paragraph != self.paragraph:
            self.answering = False
        self.paragraph = paragraph
        return sentence[label.end() :] if label else sentence

    def _names_interviewee(self, word: str) -> bool:
        """Whether a transcript label is the interviewee's name."""
        found = self._mentions(word)
        return self.interviewee is not None and any(m.actor == self.interviewee for m in found)

    def _answer_party(self, party: Party, sentence: str) -> Party:
        """In an interviewee's answer the interviewee speaks, except where a party
        of another side is the subject ("Its envoy, Ottavia Brenn, has been ...")
        or both sides are ("Both leaders have told me ...": no one side's position)."""
        if BOTH_SIDES.match(sentence.strip()):
            return NOBODY
        own_side = self.gaz.side_of(self.interviewee)
        if party.actor is not None and self.gaz.side_of(party.actor) != own_side:
            return party
        return self._party(self.interviewee)

    def _sentence_party(
        self, sentence: str, quote: str | None, attribution: str, following: str = ""
    ) -> Party:
        """Who a sentence's position belongs to, by the rules of news prose."""
        self.see_context(sentence)
        self._describer = None
        if self.author is not None and sentence.strip() == self.author.sentence:
            return NOBODY  # the byline describes the author; it states no position
        if quote is not None:
            speaker = self._speaker(attribution) if attribution else self._cleft(following)
            if speaker is None or not speaker.named:
                speaker = self.last_speaker
            party = self._for_speaker(speaker, quote)
        else:
            party = self._reported(sentence)
            if self.author and self._argues(normalize(sentence), party):
                party = self._party(self.author.actor)  # the op-ed's own argument
        # People named in this sentence become antecedents for the next ones
        # only: "The Supreme Leader praised the U.S. President" is not Trump.
        self._see_people(sentence)
        self._remember(party)
        if self._describer is not None:
            # "“Trump likes ...,” said Lozano": the analyst is named after the
            # party they describe, so "he" in the next sentence is the analyst.
            self.last_person = self._describer
        return party

    @staticmethod
    def _argues(text: str, party: Party) -> bool:
        """Whether an op-ed sentence is the author's own argument: opinion words
        where no party acts, or a prescription outside anyone's reported speech."""
        if party.actor is None:
            return OPINION.search(text) is not None
        return PRESCRIPTION.search(text) is not None and _speech_verb(text) is None

    # --- speakers -----------------------------------------------------------------
    def _speaker(self, clause: str) -> Party | None:
        """The speaker named in an attribution clause ("he said", "said X", "X told")."""
        clause = normalize(clause)
        clause = clause[strip_dateline(clause) :].strip(' ,.;:—–-"“”')
        clause = clause[self._fronted_end(clause) :]
        verb = SPEECH.match(clause)
        if verb:
            return self._phrase(clause[verb.end() :].lstrip())
        according = ACCORDING.match(clause)
        if according:
            return self._phrase(clause[according.end() :])
        party = self._phrase(clause)
        return party if party is not None and party.named else None

    def _for_speaker(self, speaker: Party, content: str) -> Party:
        """A speaker's own statement, or for an analyst the party they describe."""
        if speaker.analyst or (speaker.actor is None and speaker.person):
            return self._via_describer(speaker, content)
        self._remember_speaker(speaker)
        return speaker

    def _via_describer(self, speaker: Party, content: str) -> Party:
        """Whose position a describer's words give (FORMAT.md).

        An analyst or unknown person gives the party they describe, or themself
        when listed. An unnamed official speaks for a side: the government of
        the party described, else of the side the article was just speaking of.
        """
        # An unlisted expert's words name a party only as their subject: "Analysts
        # said Abe's mission had shown Japan's limits" is a general comment (FORMAT.md).
        expert = speaker.actor is None and speaker.analyst
        described = self._described(content, any_mention=not expert)
        if re.match(r"^\s*(?:that\s+)?(?:he|she)\b", content) and speaker.person:
            described = None  # "Haddadin stated he did not expect ...": their own view
        self._remember_speaker(speaker)
        if speaker.official:
            side = self.gaz.side_of(described.actor if described else self.last_actor)
            government = self.gaz.government_of(side)
            return self._party(government) if government else NOBODY
        if described is not None:
            if speaker.analyst and speaker.actor is not None:
                self._describer = speaker
            return described
        return speaker if speaker.actor is not None else NOBODY

    def _reported(self, sentence: str) -> Party:
        """A sentence without quotation: reported speech, else its subject.
        A question outside quotation marks is the writer's or interviewer's."""
        text = normalize(sentence)
        text = text[strip_dateline(text) :]
        if text.rstrip().endswith("?"):
            return NOBODY
        trailing = self._trailing_speaker(text)
        if trailing is not None and not self._speaking_subject(text):
            speaker, content = trailing
            acting = self._acting_subject(content)
            if acting is not None and self._institution(speaker, rest_of(text, content)):
                return self._spokesman_or(speaker, acting)
            return self._for_speaker(speaker, content)
        according = re.match(r"^\s*(?:According to|In line with)\s+([^,]+),\s*", text)
        if according:
            source = self._phrase(according.group(1))
            subject = self._subject(text[according.end() :])
            if subject is not None and subject.actor is not None:
                return self._spokesman_or(source, subject)
            return self._for_speaker(source, text[according.end() :]) if source else NOBODY
        subject = self._subject(text)
        return subject if subject is not None else NOBODY

    def _speaking_subject(self, text: str) -> bool:
        """Whether the sentence opens with a named party's own speech act and any
        later "he said" is embedded in it: in "A spokesman for the DPRK made it
        clear ... the south Korean authorities, who, he said, should stop ..."
        the pronoun is the spokesman, the subject named most recently."""
        if not EMBEDDED_PRONOUN_SPEECH.search(text):
            return False
        start = self._fronted_end(text)
        phrase = self._phrase_text(text[start:])
        rest = text[start + len(phrase) :] if text[start:].startswith(phrase) else ""
        if not phrase or not re.match(rf"^{ADVERBS}\s+(?:{SPEECH_VERBS})\b", rest, re.I):
            return False
        if phrase.lower() in ("he", "she"):
            return False  # "In Burhan's view, she added, ...": the pronoun is the speech itself
        party = self._phrase(phrase)
        return party is not None and party.actor is not None

    def _institution(self, speaker: Party, attribution: str) -> bool:
        """Whether a trailing source is a body that reports events (a ministry,
        the military, a coast guard) rather than a person or a statement voicing
        its own side's view: only the former passes the action on."""
        if speaker.person or speaker.analyst or speaker.actor is None:
            return False
        return REPORTING_BODY.search(attribution) is not None

    def _acting_subject(self, content: str) -> Party | None:
        """The named party a reported clause opens with ("Dravenian artillery
        shelled ..., the Valmoran defence ministry said"): a source of another
        side only reports that party's action (FORMAT.md). Pronoun subjects
        ("he would ...") are the speaker's own words and give None."""
        if re.match(r"^\W*(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Ww]e|I)\b", content):
            return None
        subject = self._subject(content, nested=True)
        if subject is None or subject.actor is None or subject.analyst:
            return None
        return subject

    def _spokesman_or(self, source: Party | None, subject: Party) -> Party:
        """An official reporting their own side's step speaks for it (FORMAT.md):
        "According to the minister, the chancellor has written ..." is the
        minister's; a source on another side only reports the subject's action."""
        if source is None or source.actor is None or source.analyst:
            return subject
        same_side = self.gaz.side_of(source.actor) == self.gaz.side_of(subject.actor)
        return source if same_side and source.actor != subject.actor else subject

    def _trailing_speaker(self, text: str) -> tuple[Party, str] | None:
        """`..., said X.` / `..., X said.` / `..., she stressed, ...`: speaker and content."""
        for comma in re.finditer(r",\s*", text):
            rest = text[comma.end() :]
            if SUBORDINATE_START.match(rest):
                continue  # ", after which Moscow acknowledged ..." reports no speech
            if SUBORDINATE_START.match(text.lstrip()) and "," not in text[: comma.start()]:
                continue  # "While the leaders talk, the ministry says ...": a fronted clause
            verb = _speech_verb(rest)
            if verb is None or len(rest[: verb.start()].split()) > 8 or "," in rest[: verb.start()]:
                continue
            parenthetical = (
                re.match(r"^\s*(?:according to [^,]+)?,", rest[verb.end() :]) is not None
            )
            # a short quotation ("“We'll see,” the president told") is speech too
            quoted = text.lstrip()[:1] in '“«"'
            if len(text[: comma.start()].split()) < (1 if parenthetical or quoted else 4):
                continue
            if verb.start() == 0:
                if len(re.split(r"[,;]", rest[verb.end() :])[0].split()) > MAX_INVERTED_SPEAKER:
                    continue  # ", says the prime minister arrives ...": a clause, no speaker
                party = self._phrase(rest[verb.end() :])
                named = self._phrase_text(rest[verb.end() :].strip())
                after = rest[verb.end() :].strip()[len(named) :]
                if not re.match(r"^\s*(?:[,.]|$)", after):
                    continue
            else:
                if re.match(r"^\s*that\b", rest[verb.end() :]):
                    continue
                party = self._phrase(rest[: verb.start()])
            if party is not None and party.named and (party.actor or party.person):
                return party, text[: comma.start()]
        return None

    # --- subjects -----------------------------------------------------------------
    def _subject(self, text: str, nested: bool = False) -> Party | None:
        """The party whose position a clause describes: its grammatical subject.

        `nested` is set inside an analyst's words, where a second analyst is
        simply named, not followed further.
        """
        text = text.lstrip(" ,;:—–-")
        viewpoint = self._viewpoint(text, nested)
        text = text[self._fronted_end(text) :]
        cleft = self._cleft(text) if not nested else None
        if cleft is not None:
            return cleft
        if re.match(r"^(?:I|We|we|My)\b", text):
            first_person = self.author is not None and text.startswith(("I", "My"))
            return self._party(self.author.actor) if first_person and self.author else NOBODY
        party = self._phrase(text)
        verb_first = SPEECH.match(text)
        if verb_first and not nested:
            party = self._phrase(text[verb_first.end() :])
        if (
            not nested
            and party is not None
            and (party.analyst or (party.actor is None and party.person))
        ):
            return self._via_describer(party, self._after_verb(text))
        if not nested and party is not None and party.actor is not None:
            reported = self._reported_by_body(party, text)
            if reported is not None:
                return reported
        if (party is None or party.actor is None) and viewpoint is not None:
            return viewpoint
        return party

    def _cleft(self, text: str) -> Party | None:
        """The party a cleft sentence puts first ("That was Kuleba's answer"),
        None when the sentence is no cleft or names nobody there."""
        cleft = CLEFT.match(text)
        if cleft is None:
            return None
        party = self._phrase(text[cleft.end() :])
        return party if party is not None and party.actor is not None else None

    def _reported_by_body(self, body: Party, text: str) -> Party | None:
        """ "Ukraine's General Staff said Russian forces were regrouping": a body
        that reports events passes on the acting party's step, as a trailing
        source does (FORMAT.md); None when the sentence is no such report."""
        phrase = self._phrase_text(text)
        rest = text[len(phrase) :] if text.startswith(phrase) else ""
        if body.person or not REPORTING_BODY.search(phrase):
            return None
        verb = re.match(rf"^{ADVERBS}\s+{REPORTING_VERBS}\b", rest, re.I)
        if verb is None:
            return None
        content = rest[verb.end() :]
        that = re.match(r"^(?:\s+[\w'.]+){0,4}?\s+that\b", content)  # "said on Tuesday that"
        if that is not None and not self._mentions(content[: that.end()]):
            content = content[that.end() :]
        acting = self._acting_subject(content)
        if acting is None:
            return None
        self.last_body = body  # "..., the ministry added" is this body again
        return self._spokesman_or(body, acting)

    def _described(self, content: str, any_mention: bool = True) -> Party | None:
        """In an analyst's words, the party whose position they describe: the
        subject, else (with `any_mention`) the first party the main clause names."""
        content = normalize(content).strip(' ,“”"')
        content = re.sub(r"^(?:that|And|and|But|but)\s+", "", content)
        viewpoint = self._viewpoint(content, nested=True)
        if viewpoint is not None and viewpoint.actor is not None:
            return viewpoint
        subject = self._subject(content, nested=True)
        if subject is not None and subject.actor is not None and not subject.analyst:
            return subject
        if not any_mention:
            return None
        main_clause = SUBORDINATE_CLAUSE.split(content, maxsplit=1)[0]
        for m in self._mentions(main_clause):
            if not m.prepositional and not self._is_analyst(m.actor):
                return self._party(m.actor)
        return None

    def _viewpoint(self, text: str, nested: bool = False) -> Party | None:
        """`For Putin, ...` / `In Putin's view, ...`: whose view a sentence gives.
        Inside a describer's words ("X said that, in his view, ...") "his" is
        the describer, who is not a party described."""
        match = VIEWPOINT.match(text)
        if match is None:
            return None
        if match.group("pron") in ("my", "our"):
            return self._party(self.author.actor) if self.author else None
        if match.group("pron"):
            if nested:
                return None
            return self.last_speaker if self.last_speaker.person else self.last_person
        found = self._mentions(match.group("for") or match.group("poss") or "")
        if found and found[0].start < 3:
            return self._party(found[0].actor)
        return None

    def _after_verb(self, text: str) -> str:
        """What follows the speech verb, past its object ("told CNN that ...")."""
        verb = SPEECH.search(text)
        if verb is None:
            return text
        rest = text[verb.end() :]
        that = re.match(r"^(?:\s+[\w'.]+){0,4}?\s+that\b", rest)
        if that is None or self._mentions(rest[: that.end()]):
            return rest
        return rest[that.end() :]

    @staticmethod
    def _fronted_end(text: str) -> int:
        """Offset after fronted adverbials ("In Islamabad, ", "Two months earlier, ",
        "In a Facebook post he wrote": no comma before a pronoun subject)."""
        end = 0
        while (match := FRONTED.match(text[end:])) is not None:
            if _is_clause(match.group()):
                break
            end += match.end()
        if end == 0 and (before_pronoun := PHRASE_BEFORE_PRONOUN.match(text)) is not None:
            end = before_pronoun.end()
        return end

    # --- noun phrases ----------------------------------------------------------------
    def _phrase(self, text: str) -> Party | None:
        """Who the noun phrase at the start of `text` names, or None if nobody."""
        text = text.strip(' ,;:—–-"“”')
        word = _first_word(text)
        if word in ("he", "she") or text.lower() in ("him", "her"):
            return self.last_person
        if GROUP_NOUN.match(text) and self.orgs_seen:
            # "The rebel group blamed ...", but "The group's leader, Naim Qassem, said"
            named = self._appositive(self._phrase_text(text), text)
            return named or self._party(self.orgs_seen[-1])
        if YOUR_SIDE.match(text) and self.interviewee is not None:
            return self._party(self.gaz.government_of(self.gaz.side_of(self.interviewee)))
        if SAME_BODY.match(text) and self.last_body is not None:
            return self.last_body
        unnamed = STATE_FORCES.match(text) and not self._mentions(self._phrase_text(text))
        if unnamed and (state := self._state_fought()) is not None:
            return self._party(state)
        if word == "it":
            if EXPLETIVE_IT.match(text):
                return NOBODY  # "It would be a mistake to ..." names nobody
            return self._party(self.last_org) if self.last_org else NOBODY
        owned = re.match(r"^(?:his|her)\s+((?:[a-z-]+\s+){0,2}?[a-z-]+)\b", text, re.I)
        if owned and self.last_person.actor and owned.group(1).split()[-1] in SAID_NOUNS:
            return self.last_person  # "Her answer to that condition was short."
        if POSSESSIVE_SIDE.match(text) and self.last_person.actor:
            # "His government has ordered ...": the last person's side acting.
            side = self.gaz.side_of(self.last_person.actor)
            return self._party(self.gaz.government_of(side)) if side else NOBODY
        if word in ("they", "them"):
            return self._party(self.last_actor) if self.last_actor else NOBODY
        if LAST_SPEAKER_NOUNS.match(text):
            return self._party(self.last_actor) if self.last_actor else self.last_speaker
        if BOTH_SIDES.match(text) or OF_BOTH_SIDES.search(self._phrase_text(text)):
            return NOBODY  # "the two leaders", "senior officials of the two governments"
        phrase = self._phrase_text(text)
        if FOREIGN_SOURCE.search(phrase):
            return Party(None, person=True)  # "a Western diplomat in Beirut" is no Lebanese
        if self._paired_adjectives(phrase) or WITH_COUNTERPART.search(phrase):
            # "Israeli and Syrian officials", "Lavrov and his Ukrainian counterpart"
            return NOBODY  # both sides together
        bare = BARE_ROLES.match(phrase)
        found = self._mentions(phrase)
        appositive = self._appositive(phrase, text)
        # "Varenne's spokeswoman, Mira Thalos, says": the possessor is not the subject.
        owners = [m for m in found if self._names_person(m) and not m.possessive]
        if appositive is not None and not owners:
            return appositive
        if bare and not found:
            return self._by_role(bare.group(1).lower())
        if ANALYST_WORDS.search(phrase):
            known = [m for m in found if self._is_analyst(m.actor)]
            return Party(known[0].actor, True, True) if known else Party(None, True, True)
        if found:
            return self._from_mentions(phrase, found)
        by_adjective = self._by_adjective(phrase)
        if by_adjective is not None:
            return by_adjective
        if re.match(r"^(?:the|an?)\s+former\b", phrase, re.I):
            return self._unknown_person(phrase, text)
        if UNNAMED_BODY.match(phrase):
            return self._unnamed_official(phrase)
        if UNNAMED_SOURCE.search(phrase):
            return Party(None, person=True)
        return self._unknown_person(phrase, text)

    def _appositive(self, phrase: str, text: str) -> Party | None:
        """The person an appositive names: "His foreign minister, S. Jaishankar, said";
        a name beats the role noun or possessive it follows."""
        if not text.startswith(phrase):
            return None
        match = re.match(
            r"^\s*,\s*(?:(?:Mr|Ms|Mrs|Dr|Mme|Gen|Col)\.?\s+)?([^,]{2,60}?)\s*,", text[len(phrase) :]
        )
        if match is None:
            return None
        found = self._mentions(match.group(1))
        if len(found) != 1 or found[0].start != 0 or not self._names_person(found[0]):
            return None
        rest = match.group(1)[found[0].end :]  # "Nicolás Maduro Moros": a fuller name
        return self._party(found[0].actor) if re.fullmatch(r"(?:\s+[A-Z][\w'-]*)*", rest) else None

    def _names_person(self, mention: Mention) -> bool:
        """Whether a mention names a person outright: a name, not "Putin's" or a role noun."""
        if mention.possessive or not self._is_person(mention.actor):
            return False
        aliases = {normalize(a) for a in self.gaz.actors[mention.actor].aliases}
        return normalize(mention.surface) in aliases

    def _phrase_text(self, text: str) -> str:
        """The subject noun phrase: up to a comma, a verb or a relative pronoun.

        A word right after a preposition is its object, never the verb ("the
        head of state stressed" does not end at "state"), and a word that
        modifies the next noun is none either ("Chinese state media").
        """
        out: list[str] = []
        tokens = re.findall(r"[^\s,;:()]+|[,;:()]", text)  # "Japan–China" is one token
        for index, tok in enumerate(tokens):
            low = tok.lower().strip("\"“”'")
            after_preposition = bool(out) and out[-1].lower() in PREPOSITIONS
            following = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
            if tok in ",;:()—–" or (
                tok[:1].islower()
                and not after_preposition
                and following not in MODIFIED_NOUNS
                and (
                    low in VERB_WORDS
                    or (low in CLAUSE_ADVERBS and _ends_subject(out))
                    or SPEECH.fullmatch(low)
                    or (low.endswith("ed") and "-" not in low and len(low) > 4)
                )
            ):
                break
            out.append(tok)
            if len(out) >= 14:
                break
        return " ".join(out)

    def _from_mentions(self, phrase: str, found: list[Mention]) -> Party:
        """The actor a phrase names: its person, one side's government, or nobody.

        A phrase whose head is the meeting itself ("The first DPRK-U.S.
        summit") names no actor: that is background (FORMAT.md).
        """
        usable = [m for m in found if not m.prepositional or self._institution_before(phrase, m)]
        if not usable or MEETING_HEAD.search(phrase):
            return NOBODY
        sides = {self.gaz.side_of(m.actor) or m.actor for m in usable}
        if len(sides) > 1 and re.search(r"\band\b|&|\bnor\b", phrase):
            return NOBODY
        if UNNAMED_STAFF.match(phrase) and all(m.prepositional for m in usable):
            # "An aide to Aliyev": an unnamed official speaks for the government
            side = self.gaz.side_of(usable[0].actor)
            return self._party(self.gaz.government_of(side) or usable[0].actor)
        named = [m for m in usable if self._names_person(m)]
        if named and not self._names_person(usable[0]):
            return self._party(named[0].actor)  # "Putin's aide Vladimir Medinsky"
        first = usable[0]
        if first.possessive and first is found[0]:
            owned = _possessed_words(phrase[first.end + 2 :])
            if owned & (SIDE_NOUNS | BODY_NOUNS):
                # "Iran's foreign ministry", "Pakistan's military spokesman"
                return self._party(
                    self.gaz.government_of(self.gaz.side_of(first.actor)) or first.actor
                )
            if owned and not owned & POSITION_NOUNS:
                return NOBODY
        people = [m for m in usable if self.gaz.actors[m.actor].is_person]
        chosen = people[0] if people else first
        return self._party(chosen.actor)

    @staticmethod
    def _institution_before(phrase: str, mention: Mention) -> bool:
        words = re.findall(r"[\w']+", phrase[: mention.start].lower())
        return any(w in INSTITUTION_HEADS for w in words[:-1]) if len(words) > 1 else False

    def _paired_adjectives(self, phrase: str) -> bool:
        """Whether two sides' adjectives are joined ("Russian and Ukrainian
        delegations"): the phrase names both sides, so no one side acts."""
        found = side_adjectives(phrase, self.gaz)
        for (_, end, side), (start, _, other) in itertools.pairwise(found):
            if side != other and re.fullmatch(r"\s+(?:and|&)\s+", phrase[end:start]):
                return True
        return False

    def _by_adjective(self, phrase: str) -> Party | None:
        """ "A senior Iranian official" -> Iran's government; former officials count not.

        "The Azerbaijani leader" is that side's leader, when the seeds know one.
        """
        leader = LEADER_TITLE.match(phrase)
        if leader:
            side = self.gaz.adjectives().get(leader.group(1))
            person = self._leader_of(side) if side else None
            if person:
                return self._party(person)
        sides = []
        for start, end, side in side_adjectives(phrase, self.gaz):
            if re.search(r"\bformer\s*$", phrase[:start], re.I):
                continue
            if re.search(r"\bbetween\b", phrase[:start], re.I):
                continue  # "Fighting between Ukrainian troops and ...": no side acts
            if OFFICIAL_HEADS.match(phrase[end:].lstrip()):
                sides.append(side)
        if not sides:
            return None
        if len(set(sides)) > 1:
            return NOBODY
        actor = self.gaz.government_of(sides[0])
        return self._party(actor) if actor else NOBODY

    def _unnamed_official(self, phrase: str) -> Party:
        """An official or ministry no adjective places ("a senior official in the
        prime minister's office", "the Ministry of Foreign Affairs"): the
        government of the side whose role noun it names; else an official whose
        side the described party decides (see `_via_describer`)."""
        role = re.search(r"\bthe\s+([a-z]+(?:\s+[a-z]+)?)'s\b", normalize(phrase))
        if role and BARE_ROLES.match(f"the {role.group(1)}"):
            holder = self._by_role(role.group(1)).actor
            government = self.gaz.government_of(self.gaz.side_of(holder))
            if government:
                return self._party(government)
        return Party(None, person=True, official=True)

    def _leader_of(self, side: str) -> str | None:
        """The leader of a side: the one named most recently, else the only one."""
        leaders = [a.id for a in self.gaz.actors.values() if a.side == side and a.kind == "leader"]
        for actor in reversed(self.people_seen):
            if actor in leaders:
                return actor
        return leaders[0] if len(leaders) == 1 else None

    def _unknown_person(self, phrase: str, text: str) -> Party | None:
        """A capitalised name the seeds lack ("Mikhail Orlov, a researcher"): a person.

        Only when an appositive or a speech verb follows, so that a capitalised
        first word ("Fighting between ...") is not taken for a name.
        """
        name = CAPITALISED_NAME.match(phrase)
        if name is None or name.group().split()[0] in NOT_NAMES:
            return None
        after = text[len(name.group()) :] if text.startswith(name.group()) else ""
        if not re.match(rf"^(?:,\s*(?:a|an|the|who)\b|\s+(?:{SPEECH_VERBS})\b|\s*[.]?$)", after):
            return None
        return Party(None, person=True)

    def _by_role(self, noun: str) -> Party:
        """ "the minister said": the person seen whose role names that noun.

        The running subject (the last person an actor was) is tried first, as a
        role noun in subject position usually continues the topic; then the
        article's protagonist, the person most often an actor so far ("the
        Head of State" in state media); then the people named most recently.
        """
        by_acts = sorted(set(self.people_acted), key=lambda a: -self.people_acted.count(a))
        order = [a for a in (self.last_person.actor,) if a]
        order += by_acts + list(reversed(self.people_seen))
        for wanted in (noun, *self._title_synonyms(noun), noun.split()[-1]):
            for actor in order:
                phrases = self.gaz.role_phrases(actor)
                if any(re.search(rf"\b{wanted}\b", p) for p in phrases):
                    return self._party(actor)
        return self.last_person

    def _title_synonyms(self, noun: str) -> list[str]:
        """Titles a role noun paraphrases ("head of state" for "president"), as
        listed under [paraphrases] in roles.toml."""
        return [word for word, swaps in self.gaz.paraphrases.items() if noun in swaps]

    # --- memory -------------------------------------------------------------------
    def _party(self, actor: str | None) -> Party:
        if actor is None:
            return NOBODY
        kind = self.gaz.actors[actor].kind
        return Party(actor, self.gaz.actors[actor].is_person, kind == "analyst")

    def _is_person(self, actor: str) -> bool:
        return self.gaz.actors[actor].is_person

    def _state_fought(self) -> str | None:
        """The government the last-named movement has a summit with: whom "the
        army" or "the government" means in a war between a state and rebels."""
        for org in reversed(self.orgs_seen):
            side = self.gaz.side_of(org)
            for summit in self.gaz.summits.values():
                if side not in summit.sides:
                    continue
                for other in summit.sides:
                    state = self.gaz.government_of(other)
                    if other != side and state and self.gaz.actors[state].kind == "government":
                        return state
        return None

    def _is_analyst(self, actor: str) -> bool:
        return self.gaz.actors[actor].kind == "analyst"

    def see_context(self, text: str) -> None:
        """Note the sides a headline or sentence names, before its actor is sought."""
        for m in mentions(text, self.gaz, self.on):
            side = self.gaz.side_of(m.actor)
            if side and not self.gaz.is_generic_role(m.surface, m.actor):
                self.sides_seen.add(side)
        self.sides_seen.update(side for _, _, side in side_adjectives(text, self.gaz))

    def _mentions(self, text: str) -> list[Mention]:
        """Mentions, minus side-less role nouns of a side the article has not named;
        a role noun two actors share names the one whose side the article has named."""
        found = []
        for m in mentions(text, self.gaz, self.on):
            if self.gaz.side_of(m.actor) in self.sides_seen:
                found.append(m)
                continue
            seen = [
                a for a in self.gaz.sharing(m.surface) if self.gaz.side_of(a) in self.sides_seen
            ]
            if seen:
                found.append(replace(m, actor=seen[0]))
            elif not self.gaz.is_generic_role(m.surface, m.actor):
                found.append(m)
        return found

    def _see_people(self, sentence: str) -> None:
        self.see_context(sentence)
        for m in self._mentions(sentence):
            if self.gaz.actors[m.actor].kind == "organisation":
                self.orgs_seen.append(m.actor)
            if self.gaz.actors[m.actor].is_person:
                if m.actor in self.people_seen:
                    self.people_seen.remove(m.actor)
                self.people_seen.append(m.actor)

    def _remember_speaker(self, speaker: Party) -> None:
        if speaker.named and (speaker.person or speaker.actor is not None):
            self.last_speaker = speaker
            if speaker.person:
                self.last_person = speaker

    def _remember(self, party: Party) -> None:
        if party.actor is None:
            return
        self.last_actor = party.actor
        if party.person:
            self.last_person = party
            self.people_acted.append(party.actor)
        else:
            self.last_org = party.actor
