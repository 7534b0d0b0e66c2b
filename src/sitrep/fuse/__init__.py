"""Fusion: one situation picture from many sitrep/1 extractions.

    picture = build_picture(extractions)        # or Picture(); picture.add(extraction)
    data = picture.to_dict(since="2024-10-01", actor="North Korea")
    render_picture(picture, console)             # rich tables for ``sitrep picture``

Modules, in the data's order: ``records`` (an extraction reduced to reports),
``syndication`` (copies of one story), ``entities`` (canonical keys across documents),
``clusters`` (event reports fused into events), ``claims`` (one speaker, one claim, many
carriers), ``figures`` (series and contradictions), ``state`` (the incremental indexes),
``picture`` and ``timeline`` (the assembled view), ``render`` (tables).
"""

from sitrep.fuse.picture import PICTURE_SCHEMA, Picture, build_picture, picture_from_store
from sitrep.fuse.render import render_picture
from sitrep.fuse.rules import FusionRules, load_rules

__all__ = [
    "PICTURE_SCHEMA",
    "FusionRules",
    "Picture",
    "build_picture",
    "load_rules",
    "picture_from_store",
    "render_picture",
]
