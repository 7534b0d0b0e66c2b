"""Geography: the offline gazetteer and its look-ups."""

from sitrep.geo.gazetteer import Gazetteer, GeoEntry, load_gazetteer, name_key

__all__ = ["Gazetteer", "GeoEntry", "load_gazetteer", "name_key"]
