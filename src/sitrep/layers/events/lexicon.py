"""The PLOVER rules as data: triggers, word classes, modes and status cues, loaded once.

Five files under ``sitrep/resources`` hold everything the events layer knows about words:
``plover_triggers.tsv`` (which word, read how, means which event), ``plover_words.json``
(named word classes), ``plover_modes.json`` (mode keywords per type) and
``plover_status.json`` (modals and control verbs), and ``plover_roles.json`` (role
prepositions, actor lifting, figure categories). :func:`load_lexicon` parses and checks
them and returns one :class:`PloverLexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sitrep import resources
from sitrep.errors import ResourceError
from sitrep.model import EVENT_TYPES

TRIGGERS_FILE = "plover_triggers.tsv"
WORDS_FILE = "plover_words.json"
MODES_FILE = "plover_modes.json"
STATUS_FILE = "plover_status.json"
ROLES_FILE = "plover_roles.json"

FRAMES = ("act", "give", "send", "move", "with", "host", "nominal")
POS = ("VERB", "NOUN")


@dataclass(frozen=True)
class TriggerRule:
    """One reading of a trigger word (one row of ``plover_triggers.tsv``)."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    particles: frozenset[str]
    object: str | None
    frame: str
    requires: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class PloverLexicon:
    """Everything the events layer reads from its resource files."""

    rules: dict[tuple[str, str], tuple[TriggerRule, ...]]
    words: dict[str, frozenset[str]]
    mode_rules: dict[str, tuple[tuple[str, frozenset[str]], ...]]
    modes: dict[str, tuple[str, ...]]
    status: dict[str, Any] = field(default_factory=dict)
    roles: dict[str, Any] = field(default_factory=dict)

    def rules_for(self, lemma: str, pos: str) -> tuple[TriggerRule, ...]:
        """The readings of ``lemma`` as ``pos`` (VERB or NOUN), in file order."""
        return self.rules.get((lemma, pos), ())

    def word_class(self, name: str) -> frozenset[str]:
        """A named word class; an unknown name is a resource error."""
        try:
            return self.words[name]
        except KeyError as exc:
            raise ResourceError(f"{WORDS_FILE}: no word class {name!r}") from exc

    def in_class(self, word: str, name: str) -> bool:
        return word in self.word_class(name)

    def role_words(self, name: str) -> tuple[str, ...]:
        """A list from ``plover_roles.json`` (prepositions, actor types)."""
        value = self.roles.get(name)
        if not isinstance(value, list):
            raise ResourceError(f"{ROLES_FILE}: no list {name!r}")
        return tuple(value)


def parse_trigger_row(line: str, number: int) -> TriggerRule:
    """One TSV row as a :class:`TriggerRule`; malformed rows raise :class:`ResourceError`."""
    cells = line.rstrip("\n").split("\t")
    if len(cells) != 8:
        raise ResourceError(f"{TRIGGERS_FILE}:{number}: expected 8 tab-separated columns, got {len(cells)}")
    lemma, pos, type_, mode, particle, obj, frame, requires = (cell.strip() for cell in cells)
    if pos not in POS:
        raise ResourceError(f"{TRIGGERS_FILE}:{number}: pos must be VERB or NOUN, not {pos!r}")
    if type_ not in EVENT_TYPES:
        raise ResourceError(f"{TRIGGERS_FILE}:{number}: unknown PLOVER type {type_!r}")
    if frame not in FRAMES:
        raise ResourceError(f"{TRIGGERS_FILE}:{number}: unknown frame {frame!r}")
    return TriggerRule(
        lemma=lemma.lower(),
        pos=pos,
        type=type_,
        mode=None if mode == "-" else mode,
        particles=frozenset() if particle == "-" else frozenset(particle.split("|")),
        object=None if obj == "-" else obj,
        frame=frame,
        requires=() if requires == "-" else tuple(requires.split()),
        line=number,
    )


def _load_rules(text: str) -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
    grouped: dict[tuple[str, str], list[TriggerRule]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rule = parse_trigger_row(line, number)
        grouped.setdefault((rule.lemma, rule.pos), []).append(rule)
    return {key: tuple(rules) for key, rules in grouped.items()}


def _load_words(data: dict[str, Any]) -> dict[str, frozenset[str]]:
    return {name: frozenset(w.lower() for w in words) for name, words in data.items() if isinstance(words, list)}


ModeRules = tuple[tuple[str, frozenset[str]], ...]


def _load_modes(data: dict[str, Any]) -> tuple[dict[str, ModeRules], dict[str, tuple[str, ...]]]:
    rules: dict[str, ModeRules] = {}
    modes: dict[str, tuple[str, ...]] = {}
    for type_, entry in data.items():
        if type_.startswith("_"):
            continue
        if type_ not in EVENT_TYPES:
            raise ResourceError(f"{MODES_FILE}: unknown PLOVER type {type_!r}")
        modes[type_] = tuple(entry.get("modes", ()))
        rules[type_] = tuple((mode, frozenset(words)) for mode, words in entry.get("rules", {}).items())
        unknown = [mode for mode, _ in rules[type_] if mode not in modes[type_]]
        if unknown:
            raise ResourceError(f"{MODES_FILE}: {type_} rules name modes not in its list: {unknown}")
    return rules, modes


def _class_names(rule: TriggerRule) -> list[str]:
    """The word classes a rule refers to ('@forces' in its object or requirements)."""
    names = [rule.object[1:]] if rule.object and rule.object.startswith("@") else []
    return names + [req.split("@", 1)[1] for req in rule.requires if "@" in req]


def _check_rule_references(lexicon: PloverLexicon) -> None:
    """Every word class a rule names exists, and every fixed mode is a mode of its type."""
    for rules in lexicon.rules.values():
        for rule in rules:
            for name in _class_names(rule):
                if name not in lexicon.words:
                    raise ResourceError(f"{TRIGGERS_FILE}:{rule.line}: no word class {name!r} in {WORDS_FILE}")
            if rule.mode and rule.mode not in lexicon.modes.get(rule.type, ()):
                raise ResourceError(
                    f"{TRIGGERS_FILE}:{rule.line}: mode {rule.mode!r} is not a {rule.type} mode in {MODES_FILE}"
                )


@lru_cache(maxsize=1)
def load_lexicon() -> PloverLexicon:
    """Parse and check the PLOVER resource files (cached: they are read once per process)."""
    words = _load_words(resources.json_object(WORDS_FILE))
    mode_rules, modes = _load_modes(resources.json_object(MODES_FILE))
    lexicon = PloverLexicon(
        rules=_load_rules(resources.read_text(TRIGGERS_FILE)),
        words=words,
        mode_rules=mode_rules,
        modes=modes,
        status=resources.json_object(STATUS_FILE),
        roles=resources.json_object(ROLES_FILE),
    )
    _check_rule_references(lexicon)
    return lexicon
