"""Actors, roles and summits read from the seeds' TOML files.

Everything a user may want to add (an actor, an alias, a role, a summit, a
meeting word) is data here, so adding one is a TOML edit, never a code change.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

PERSON_KINDS = frozenset({"leader", "official", "analyst"})
GOVERNMENT_KINDS = frozenset({"government", "organisation"})

# "Iran’s" and "Iran's" must match the same alias; the swap keeps offsets.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})

# "the Velmoran officials" -> "Velmoran": a side's adjective, read off its
# government's aliases so an extra actors file needs no adjective list.
_ADJECTIVE_ALIAS = re.compile(
    r"^(?:the\s+)?((?:[A-Z][\w.]*\s+)?[A-Z][\w.]*)\s+"
    r"(?:officials|government|authorities|administration|side|leadership)$"
)


def normalize(text: str) -> str:
    """The text with typographic apostrophes made plain, same length and offsets."""
    return text.translate(_APOSTROPHES)


@dataclass(frozen=True)
class Actor:
    """A party whose stance is tracked."""

    id: str
    name: str
    kind: str
    side: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()

    @property
    def is_person(self) -> bool:
        """People are what "he" and "she" can refer to."""
        return self.kind in PERSON_KINDS


@dataclass(frozen=True)
class DatedRole:
    """A role noun held by one actor between two dates."""

    phrases: tuple[str, ...]
    actor: str
    start: date | None
    until: date | None

    def holds(self, on: date | None) -> bool:
        """Whether the actor held the role on that date (None: holds it now)."""
        if on is None:
            return self.until is None
        return (self.start is None or self.start <= on) and (self.until is None or on < self.until)


@dataclass(frozen=True)
class Summit:
    """A meeting between two sides."""

    id: str
    title: str
    sides: tuple[str, str]
    words: tuple[str, ...] = ()
    brokers: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """The seeds, loaded and compiled once."""

    actors: dict[str, Actor]
    roles: list[DatedRole]
    summits: dict[str, Summit]
    meeting_words: tuple[str, ...]
    multilateral_words: tuple[str, ...] = ()
    off_topic_words: tuple[str, ...] = ()
    joint_words: tuple[str, ...] = ()
    visit_words: tuple[str, ...] = ()
    paraphrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    digest: str = ""  # of the seeds' content: stored with statements (see seeds_digest)
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    def government_of(self, side: str | None) -> str | None:
        """The actor that stands for a side as a whole (its government), or None."""
        if side is None:
            return None
        for actor in self.actors.values():
            if actor.side == side and actor.kind in GOVERNMENT_KINDS:
                return actor.id
        return None

    def role_phrases(self, actor_id: str) -> tuple[str, ...]:
        """Every role noun ever used for an actor, lower-cased, whatever the date."""
        actor = self.actors[actor_id]
        dated = [p for r in self.roles if r.actor == actor_id for p in r.phrases]
        return tuple(normalize(p).lower() for p in (*actor.roles, *dated))

    def adjectives(self) -> dict[str, str]:
        """Country adjectives ("Russian", "Velmoran") and the side each names.

        Taken from an actor's `adjectives` list and from government aliases such
        as "Iranian officials", so statements like "a senior Iranian official"
        can be given to that side's government.
        """
        key = "adjectives"
        if key not in self._cache:
            found: dict[str, str] = {}
            people = {a for actor in self.actors.values() if actor.is_person for a in actor.aliases}
            for actor in self.actors.values():
                if actor.side == "none":
                    continue
                for adjective in actor.adjectives:
                    found.setdefault(adjective, actor.side)
                if actor.kind in GOVERNMENT_KINDS:
                    for alias in actor.aliases:
                        match = _ADJECTIVE_ALIAS.match(alias)
                        if match and match.group(1) not in people:
                            found.setdefault(match.group(1), actor.side)
            self._cache[key] = found
        return self._cache[key]

    def is_generic_role(self, surface: str, actor_id: str) -> bool:
        """Whether a matched role noun names no side ("the supreme leader").

        Such a role is ambiguous outside its own country's news: in a KCNA
        report "the Supreme Leader" is Kim, not Iran's Khamenei. "The Kremlin
        chief" or "Putin's spokesman" carry their side and are never generic.
        """
        key = ("generic", actor_id)
        if key not in self._cache:
            side = self.actors[actor_id].side
            markers = [side.replace("-", " ")] + [
                normalize(m).lower()
                for actor in self.actors.values()
                if actor.side == side
                for m in (*actor.aliases, *actor.adjectives)
            ]
            self._cache[key] = markers
        phrase = normalize(surface).lower()
        if any(normalize(alias).lower() == phrase for alias in self.actors[actor_id].aliases):
            return False
        known: list[str] = self._cache[key]
        return not any(re.search(rf"\b{re.escape(m)}\b", phrase) for m in known)

    def side_of(self, actor_id: str | None) -> str | None:
        """The side an actor stands for, or None."""
        if actor_id is None or actor_id not in self.actors:
            return None
        side = self.actors[actor_id].side
        return None if side == "none" else side

    def mention_pattern(self, on: date | None) -> tuple[re.Pattern[str], dict[str, str]]:
        """A regex over every alias and role, longest first, with what each names.

        Aliases match case-sensitively (names are capitalised); role nouns match
        whatever their case ("The Kremlin chief" at a sentence's start).
        """
        key = ("mentions", on)
        if key not in self._cache:
            names: dict[str, str] = {}
            roles_lower: set[str] = set()
            for actor in self.actors.values():
                for alias in actor.aliases:
                    names.setdefault(normalize(alias), actor.id)
                for variant in self._variants(actor.roles):
                    names.setdefault(variant, actor.id)
                    roles_lower.add(variant)
            for role in self.roles:
                for phrase in self._variants(role.phrases):
                    roles_lower.add(phrase)
                    if role.holds(on):
                        names[phrase] = role.actor
            parts = []
            for name in sorted(names, key=len, reverse=True):
                escaped = re.escape(name)
                if name in roles_lower:
                    escaped = f"(?i:{escaped})"
                if re.fullmatch(r"[Tt]he \S+", name):
                    # "the North" is no "the North American leader"
                    escaped += r"(?!\s+[A-Z][a-z])"
                parts.append(escaped)
            # "Putin-Zelenskyy talks" names both; "Kremlin-backed" names nobody.
            pattern = re.compile(r"(?<!\w)(" + "|".join(parts) + r")(?!\w|-[a-z])")
            self._cache[key] = (pattern, names)
        return self._cache[key]

    def sharing(self, surface: str) -> tuple[str, ...]:
        """Every actor whose role nouns hold this surface form: "the supreme leader"
        is Kim in Pyongyang's copy and Khamenei in Tehran's, and only the sides an
        article names can tell which."""
        if "sharing" not in self._cache:
            holders: dict[str, list[str]] = {}
            for actor in self.actors.values():
                for variant in self._variants(actor.roles):
                    if actor.id not in holders.setdefault(variant, []):
                        holders[variant].append(actor.id)
            self._cache["sharing"] = {k: tuple(v) for k, v in holders.items() if len(v) > 1}
        shared: dict[str, tuple[str, ...]] = self._cache["sharing"]
        return shared.get(normalize(surface).lower(), ())

    def lookup(self, surface: str, names: dict[str, str]) -> str | None:
        """The actor a matched surface form names."""
        surface = normalize(surface)
        return names.get(surface) or names.get(surface.lower())

    def _variants(self, phrases: tuple[str, ...]) -> list[str]:
        """Role phrases, lower-cased, plus their machine-paraphrased forms
        ("top diplomat" -> "leading diplomat") listed in roles.toml."""
        out: list[str] = []
        for phrase in phrases:
            base = normalize(phrase).lower()
            out.append(base)
            for word, swaps in self.paraphrases.items():
                if re.search(rf"\b{re.escape(word)}\b", base):
                    out.extend(re.sub(rf"\b{re.escape(word)}\b", swap, base) for swap in swaps)
        return out


def load(seeds_dir: Path, extra: list[Path] | None = None) -> Gazetteer:
    """Read actors.toml, roles.toml and summits.toml (plus extra folders holding
    extra_actors*.toml / extra_summits*.toml, as test sets do).

    Raises:
        FileNotFoundError: a seeds file is missing, naming the path to create.
        ValueError: a table lacks a field, naming the file and the table.
    """
    actors_doc = _read(seeds_dir / "actors.toml")
    summits_doc = _read(seeds_dir / "summits.toml")
    roles_path = seeds_dir / "roles.toml"
    roles_doc = _read(roles_path) if roles_path.exists() else {}
    for folder in extra or []:
        for pattern, doc in (
            ("extra_actors*.toml", actors_doc),
            ("extra_summits*.toml", summits_doc),
        ):
            for path in sorted(folder.glob(pattern)):
                more = _read(path)
                for table in ("actors", "summits"):
                    doc.setdefault(table, {}).update(more.get(table, {}))
                if "roles" in more:
                    roles_doc.setdefault("roles", []).extend(more["roles"])
    actors = {
        key: _actor(key, value, seeds_dir / "actors.toml")
        for key, value in actors_doc.get("actors", {}).items()
    }
    summits = {
        key: _summit(key, value, seeds_dir / "summits.toml")
        for key, value in summits_doc.get("summits", {}).items()
    }
    roles = [
        DatedRole(
            tuple(r["phrases"]), r["actor"], _as_date(r.get("from")), _as_date(r.get("until"))
        )
        for r in roles_doc.get("roles", [])
    ]
    unknown = sorted({r.actor for r in roles if r.actor not in actors})
    if unknown:
        raise ValueError(
            f"{roles_path}: roles name unknown actors {unknown}; add them to actors.toml"
        )
    meeting = summits_doc.get("meeting", {})
    paraphrases = {word: tuple(swaps) for word, swaps in roles_doc.get("paraphrases", {}).items()}
    return Gazetteer(
        actors,
        roles,
        summits,
        tuple(meeting.get("words", [])),
        tuple(meeting.get("multilateral", [])),
        tuple(meeting.get("off_topic", [])),
        tuple(meeting.get("joint", [])),
        tuple(meeting.get("visits", [])),
        paraphrases,
        seeds_digest(actors_doc, summits_doc, roles_doc),
    )


def seeds_digest(*docs: dict[str, Any]) -> str:
    """12 hex digits over what the seeds say, not how they are written: a new alias
    changes it (and so the attribution stored with new statements), a comment does not."""
    text = json.dumps(docs, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise FileNotFoundError(f"missing seeds file {path}; copy it from the project's seeds/")
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _actor(key: str, value: dict[str, Any], path: Path) -> Actor:
    missing = [f for f in ("name", "kind", "side", "aliases") if f not in value]
    if missing:
        raise ValueError(f"{path}: [actors.{key}] lacks {', '.join(missing)}")
    return Actor(
        key,
        value["name"],
        value["kind"],
        value["side"],
        tuple(value["aliases"]),
        tuple(value.get("roles", [])),
        tuple(value.get("adjectives", [])),
    )


def _summit(key: str, value: dict[str, Any], path: Path) -> Summit:
    sides = value.get("sides", [])
    if len(sides) != 2:
        raise ValueError(f"{path}: [summits.{key}] needs sides = [two side slugs], got {sides!r}")
    return Summit(
        key,
        value.get("title", key),
        (sides[0], sides[1]),
        tuple(value.get("words", [])),
        tuple(value.get("brokers", [])),
    )


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
