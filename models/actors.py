"""Actor attribution: whose position a statement expresses (STANCE_GUIDE.md).

A careful reader looks, in order, for: the speaker of a quotation or of
reported speech ("X said", "said X", "according to X", "X told reporters");
else the subject whose position the sentence describes. Pronouns ("he"),
bare role nouns ("the minister said") and role phrases ("the Kremlin chief")
resolve to actors named before. Datelines ("MOSCOW, Aug 21 /TASS/ —") are not
actors. Analysts and people the seeds do not know only describe somebody
else's position: the described party is the actor, or nobody. Two sides as
one subject ("the two leaders met", "Kyiv and Moscow agreed") give no actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from models.gazetteer import Gazetteer, normalize

SPEECH_VERBS = (
    r"said|says|say|stated|states|state|told|tells|tell|added|adds|insisted|insists|"
    r"argued|argues|stressed|stresses|warned|warns|noted|notes|declared|declares|"
    r"wrote|writes|explained|explains|claimed|claims|asserted|asserts|remarked|remarks|"
    r"replied|responded|continued|concluded|included|informed|informs|mentioned|"
    r"emphasised|emphasized|acknowledged|announced|announces|posted|tweeted|worried|"
    r"suggested|believes|expects|thinks|sees|read|reads|clamored|clamoured|"
    r"dismissed|called|accused|recommended|confirmed|denied|told reporters"
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
        "across",
        "within",
        "in",
    ]
)
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
    ]
)
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
    r"(?:[A-Z][\w-]*\s+){0,3}(?:side|government|authorities|officials?|diplomats?|"
    r"ministry|minister|delegation|negotiators?|leadership|envoy|sources?|spokes\w+|"
    r"army|military|forces|command|administration)\b",
    re.IGNORECASE,
)
# After "X's": nouns that are X acting as a side, or X's own position.
SIDE_NOUNS = frozenset(
    [
        "camp",
        "side",
        "team",
        "delegation",
        "negotiators",
        "negotiating",
        "government",
        "administration",
        "leadership",
        "allies",
        "officials",
        "ministry",
    ]
)
POSITION_NOUNS = frozenset(
    [
        "position",
        "stance",
        "view",
        "views",
        "vision",
        "offer",
        "proposal",
        "demand",
        "demands",
        "conditions",
        "refusal",
        "readiness",
        "remarks",
        "comments",
        "statement",
        "statements",
        "words",
        "response",
        "reply",
        "plan",
        "push",
        "pressure",
        "invitation",
        "letter",
        "message",
        "bind",
        "calculus",
        "strategy",
        "decision",
        "approach",
        "insistence",
        "rejection",
        "office",
        "spokesman",
        "spokeswoman",
        "aide",
        "envoy",
    ]
)
BARE_ROLES = re.compile(
    r"^the\s+(minister|foreign minister|spokesperson|spokesman|spokeswoman|president|"
    r"prime minister|chancellor|envoy|aide|adviser|negotiator)\b",
    re.IGNORECASE,
)
LAST_SPEAKER_NOUNS = re.compile(r"^the\s+(?:statement|readout|communique|post)\b", re.I)
UNNAMED_SOURCE = re.compile(
    r"\b(?:official|officials|source|sources|diplomat|diplomats|aide|insider)\b", re.I
)
ADVERBS = r"(?:\s+(?:\w+ly|also|then|later|again|earlier|has|had|have|will|would))*"
BOTH_SIDES = re.compile(
    r"^(?:the\s+)?(?:two|2|both)\s+(?:leaders|men|presidents|sides|generals|countries|"
    r"nations|delegations|commanders|governments|ministers)\b|^the\s+leaders\b",
    re.IGNORECASE,
)
DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w .,'’-]{0,60}?\s*(?:\([\w .-]+\)|/[\w .-]+/)\s*|"
    r"\d{1,2}:\d{2}(?:\s*[AP]\.?M\.?)?(?:\s+[A-Z]{2,4})?\s*)(?:--|—|–|-)\s*"
)
FRONTED = re.compile(
    r"^(?:(?:In|At|On|For|Since|After|Before|During|Following|Amid|Despite|Until|When|"
    r"[Rr]egardless|[Dd]espite|[Ii]n spite|"
    r"While|As|Although|Though|Asked|Speaking|Touching|Referring|Responding|Writing|"
    r"Addressing|Earlier|Later|Now|Still|Meanwhile|However|Yet|Instead|Rather|"
    r"Nevertheless|Separately|Recently|Previously|Just|Ever|Also|Moreover|Last|This|"
    r"Under|With|Without|Through|Unlike|Like|Once|If)\b[^,]{0,160}|"
    r"(?:\w+\s+){1,2}(?:days?|weeks?|months?|years?)\s+(?:after|before|later|earlier|ago)"
    r"[^,]{0,100}|That)\s*,\s*"
)
VIEWPOINT = re.compile(
    r"^(?:[Ff]or\s+(?P<for>[^,]+)|[Ii]n\s+(?P<poss>[^,]+?)'s\s+(?:view|eyes|mind|opinion|"
    r"calculus|reading)|[Ii]n\s+(?P<pron>his|her)\s+(?:view|eyes|mind|opinion))\s*,"
)
ACCORDING = re.compile(r"^\s*according to\s+", re.IGNORECASE)
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
        prev_words = re.findall(r"[\w']+", before)
        prev = prev_words[-1].lower() if prev_words else ""
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
        for match in re.finditer(rf"(?<![\w-]){re.escape(adjective)}(?![\w-])", text):
            out.append((match.start(), match.end(), side))
    return sorted(out)


def strip_dateline(text: str) -> int:
    """Offset where the sentence starts once a dateline or timestamp is cut off."""
    match = DATELINE.match(text)
    return match.end() if match else 0


def _first_word(text: str) -> str:
    words = re.findall(r"[\w']+", text)
    return words[0].lower() if words else ""


class Attributor:
    """Walks an article's sentences in order, carrying the last actors forward."""

    def __init__(self, gaz: Gazetteer, on: date | None) -> None:
        self.gaz = gaz
        self.on = on
        self.last_actor: str | None = None
        self.last_org: str | None = None
        self.last_person: Party = NOBODY
        self.last_speaker: Party = NOBODY
        self.people_seen: list[str] = []

    # --- public -------------------------------------------------------------------
    def sentence_actor(self, sentence: str, quote: str | None, attribution: str) -> str | None:
        """The actor of one sentence; `quote` is its quotation, if it has one."""
        self._see_people(sentence)
        if quote is not None:
            speaker = self._speaker(attribution) if attribution else None
            if speaker is None or not speaker.named:
                speaker = self.last_speaker
            party = self._for_speaker(speaker, quote)
        else:
            party = self._reported(sentence)
        self._remember(party)
        return party.actor

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
            described = self._described(content)
            self._remember_speaker(speaker)
            if described is not None:
                return described
            return speaker if speaker.actor is not None else NOBODY
        self._remember_speaker(speaker)
        return speaker

    def _reported(self, sentence: str) -> Party:
        """A sentence without quotation: reported speech, else its subject."""
        text = normalize(sentence)
        text = text[strip_dateline(text) :]
        trailing = self._trailing_speaker(text)
        if trailing is not None:
            speaker, content = trailing
            return self._for_speaker(speaker, content)
        according = re.match(r"^\s*According to\s+([^,]+),\s*", text)
        if according:
            source = self._phrase(according.group(1))
            subject = self._subject(text[according.end() :])
            if subject is not None and subject.actor is not None:
                return subject
            return self._for_speaker(source, text[according.end() :]) if source else NOBODY
        subject = self._subject(text)
        return subject if subject is not None else NOBODY

    def _trailing_speaker(self, text: str) -> tuple[Party, str] | None:
        """`..., said X.` / `..., X said.` / `..., she stressed, ...`: speaker and content."""
        for comma in re.finditer(r",\s*", text):
            rest = text[comma.end() :]
            verb = SPEECH.search(rest)
            if verb is None or len(rest[: verb.start()].split()) > 8 or "," in rest[: verb.start()]:
                continue
            parenthetical = rest[verb.end() :].lstrip().startswith(",")
            if len(text[: comma.start()].split()) < (1 if parenthetical else 4):
                continue
            if verb.start() == 0:
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
        viewpoint = self._viewpoint(text)
        text = text[self._fronted_end(text) :]
        if re.match(r"^(?:I|We|we)\b", text):
            return NOBODY
        party = self._phrase(text)
        verb_first = SPEECH.match(text)
        if verb_first and not nested:
            party = self._phrase(text[verb_first.end() :])
        if (
            not nested
            and party is not None
            and (party.analyst or (party.actor is None and party.person))
        ):
            described = self._described(self._after_verb(text))
            self._remember_speaker(party)
            if described is not None:
                return described
            return party if party.actor is not None else NOBODY
        if (party is None or party.actor is None) and viewpoint is not None:
            return viewpoint
        return party

    def _described(self, content: str) -> Party | None:
        """In an analyst's words, the party whose position they describe."""
        content = normalize(content).strip(' ,“”"')
        content = re.sub(r"^(?:that|And|and|But|but)\s+", "", content)
        viewpoint = self._viewpoint(content)
        if viewpoint is not None and viewpoint.actor is not None:
            return viewpoint
        subject = self._subject(content, nested=True)
        if subject is not None and subject.actor is not None and not subject.analyst:
            return subject
        for m in mentions(content, self.gaz, self.on):
            if not m.prepositional and not self._is_analyst(m.actor):
                return self._party(m.actor)
        return None

    def _viewpoint(self, text: str) -> Party | None:
        """`For Putin, ...` / `In Putin's view, ...`: whose view a sentence gives."""
        match = VIEWPOINT.match(text)
        if match is None:
            return None
        if match.group("pron"):
            return self.last_speaker if self.last_speaker.person else self.last_person
        found = mentions(match.group("for") or match.group("poss") or "", self.gaz, self.on)
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
        if that is None or mentions(rest[: that.end()], self.gaz, self.on):
            return rest
        return rest[that.end() :]

    @staticmethod
    def _fronted_end(text: str) -> int:
        """Offset after fronted adverbials ("In Islamabad, ", "Two months earlier, ")."""
        end = 0
        while (match := FRONTED.match(text[end:])) is not None:
            end += match.end()
        return end

    # --- noun phrases ----------------------------------------------------------------
    def _phrase(self, text: str) -> Party | None:
        """Who the noun phrase at the start of `text` names, or None if nobody."""
        text = text.strip(' ,;:—–-"“”')
        word = _first_word(text)
        if word in ("he", "she"):
            return self.last_person
        if word == "it":
            return self._party(self.last_org) if self.last_org else NOBODY
        if word in ("they", "them"):
            return self._party(self.last_actor) if self.last_actor else NOBODY
        if LAST_SPEAKER_NOUNS.match(text):
            return self.last_speaker
        if BOTH_SIDES.match(text):
            return NOBODY
        phrase = self._phrase_text(text)
        bare = BARE_ROLES.match(phrase)
        found = mentions(phrase, self.gaz, self.on)
        if bare and not found and self._speaks_next(phrase, text, bare.end()):
            return self._by_role(bare.group(1).lower())
        if ANALYST_WORDS.search(phrase):
            known = [m for m in found if self._is_analyst(m.actor)]
            return Party(known[0].actor, True, True) if known else Party(None, True, True)
        if found:
            return self._from_mentions(phrase, found)
        by_adjective = self._by_adjective(phrase)
        if by_adjective is not None:
            return by_adjective
        if UNNAMED_SOURCE.search(phrase) and not re.match(r"^(?:the|an?)\s+former\b", phrase, re.I):
            return Party(None, person=True)
        return self._unknown_person(phrase, text)

    @staticmethod
    def _speaks_next(phrase: str, text: str, role_end: int) -> bool:
        """Whether a bare role noun ("the minister") is followed by a speech verb."""
        if not re.fullmatch(ADVERBS + r"\s*", phrase[role_end:]):
            return False
        after = text[len(phrase) :] if text.startswith(phrase) else text[role_end:]
        return (
            re.match(rf"^{ADVERBS}\s*(?:{SPEECH_VERBS})\b", " " + after.lstrip(), re.I) is not None
        )

    def _phrase_text(self, text: str) -> str:
        """The subject noun phrase: up to a comma, a verb or a relative pronoun."""
        out: list[str] = []
        for token in re.finditer(r"[^\s,;:()—–]+|[,;:()—–]", text):
            tok = token.group()
            low = tok.lower().strip("\"“”'")
            if tok in ",;:()—–" or (
                tok[:1].islower()
                and (
                    low in VERB_WORDS
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
        """The actor a phrase names: its person, one side's government, or nobody."""
        usable = [m for m in found if not m.prepositional or self._institution_before(phrase, m)]
        if not usable:
            return NOBODY
        first = usable[0]
        if first.possessive and first is found[0]:
            head = _first_word(phrase[first.end + 2 :])
            if head in SIDE_NOUNS:
                return self._party(
                    self.gaz.government_of(self.gaz.side_of(first.actor)) or first.actor
                )
            if head and head not in POSITION_NOUNS:
                return NOBODY
        sides = {self.gaz.side_of(m.actor) or m.actor for m in usable}
        if len(sides) > 1 and re.search(r"\band\b|&", phrase):
            return NOBODY
        people = [m for m in usable if self.gaz.actors[m.actor].is_person]
        chosen = people[0] if people else first
        return self._party(chosen.actor)

    @staticmethod
    def _institution_before(phrase: str, mention: Mention) -> bool:
        words = re.findall(r"[\w']+", phrase[: mention.start].lower())
        return any(w in INSTITUTION_HEADS for w in words[:-1]) if len(words) > 1 else False

    def _by_adjective(self, phrase: str) -> Party | None:
        """ "A senior Iranian official" -> Iran's government; former officials count not."""
        sides = []
        for start, end, side in side_adjectives(phrase, self.gaz):
            if re.search(r"\bformer\s*$", phrase[:start], re.I):
                continue
            if OFFICIAL_HEADS.match(phrase[end:].lstrip()):
                sides.append(side)
        if not sides:
            return None
        if len(set(sides)) > 1:
            return NOBODY
        actor = self.gaz.government_of(sides[0])
        return self._party(actor) if actor else NOBODY

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
        """ "the minister said": the latest person seen whose role names that noun."""
        head = noun.split()[-1]
        for actor in reversed(self.people_seen):
            phrases = self.gaz.role_phrases(actor)
            if any(re.search(rf"\b{head}\b", p) for p in phrases):
                return self._party(actor)
        return self.last_person

    # --- memory -------------------------------------------------------------------
    def _party(self, actor: str | None) -> Party:
        if actor is None:
            return NOBODY
        kind = self.gaz.actors[actor].kind
        return Party(actor, self.gaz.actors[actor].is_person, kind == "analyst")

    def _is_analyst(self, actor: str) -> bool:
        return self.gaz.actors[actor].kind == "analyst"

    def _see_people(self, sentence: str) -> None:
        for m in mentions(sentence, self.gaz, self.on):
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
        else:
            self.last_org = party.actor
