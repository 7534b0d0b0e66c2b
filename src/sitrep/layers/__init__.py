"""The extraction layers, one package each; every package's ``stage.run`` is a pipeline stage."""
