"""One module per sitrep/1 layer; each exposes ``run(analysis)`` (see sitrep.pipeline)."""
