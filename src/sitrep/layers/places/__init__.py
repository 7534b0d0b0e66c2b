"""Places: toponyms in the text resolved to gazetteer points."""
