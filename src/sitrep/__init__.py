"""sitrep: turn news reports into a sourced situation picture.

    import sitrep

    extraction = sitrep.extract("Police said 12 people were hurt in Dori on Monday.",
                                published="2026-03-10")
    extraction.events, extraction.figures        # the sitrep/1 objects, with character offsets
    extraction.to_dict()                         # the sitrep/1 JSON shape
    frames = extraction.to_frames()              # pandas DataFrames per layer (extra: frames)

    with sitrep.open_store("sqlite:///sitrep.db") as store:
        view = sitrep.picture(store, since="2026-03-05", place="Dori")

The names below are the public API (``__all__``, pinned by tests/test_public_api.py);
everything else is internal. Imports are lazy: spaCy loads on the first extraction.
"""

from sitrep.api import extract, extract_many, open_store, picture, to_frames
from sitrep.errors import SitrepError
from sitrep.model import Actor, Claim, Document, Event, Extraction, Figure, Place, Span, Time

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Claim",
    "Document",
    "Event",
    "Extraction",
    "Figure",
    "Place",
    "SitrepError",
    "Span",
    "Time",
    "__version__",
    "extract",
    "extract_many",
    "open_store",
    "picture",
    "to_frames",
]
