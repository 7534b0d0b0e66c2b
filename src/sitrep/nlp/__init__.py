"""Linguistic analysis: spaCy underneath, our own character-offset objects on top.

``parse(text)`` returns a :class:`Parse` whose tokens, sentences and entities carry
character offsets into ``text``; extraction stages read only these objects, so spaCy
stays an implementation detail that tests can replace with hand-built parses.
"""

from sitrep.nlp.engine import load_pipeline, parse, parse_many
from sitrep.nlp.parse import Entity, Parse, Sentence, Token

__all__ = ["Entity", "Parse", "Sentence", "Token", "load_pipeline", "parse", "parse_many"]
