"""sitrep: turn news reports into a sourced situation picture.

The public entry points: :func:`sitrep.pipeline.extract` (one document to a sitrep/1
extraction), :mod:`sitrep.ingest` (sources to articles), :mod:`sitrep.store` (the
database) and :mod:`sitrep.fuse` (the picture across articles).
"""

__version__ = "0.1.0"
