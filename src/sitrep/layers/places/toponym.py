"""A place name found in the text, with what surrounds it and the gazetteer entries it may be."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.geo.gazetteer import GeoEntry
from sitrep.model import Span

LOCAL_FEATURES = {"city", "admin2"}


@dataclass
class Toponym:
    """A place name in the text and what surrounds it."""

    span: Span  # the mention, e.g. "Kursk region" or "Russia"
    name: str  # the name looked up, e.g. "Kursk"
    first: int  # tokens [first, last) of the name
    last: int
    label: str = ""  # the NER label over it, if any
    admin: bool = False  # an admin word goes with it ("Kursk region")
    direction: str | None = None  # "eastern" in "eastern Russia"
    city_word: bool = False  # "the city of Kursk"
    candidates: list[GeoEntry] = field(default_factory=list)
    entry: GeoEntry | None = None
    dateline: bool = False  # the town or country of a wire dateline ("DJIBO, Burkina Faso —")
    weak: bool = False  # a small town, kept only in a locative context in a country the text names
    container: bool = False  # "Burkina Faso" in "Djibo, Burkina Faso": says where the place before it is
    variant: bool = False  # a transliteration variant the gazetteer lacks ("Khan Younes")
