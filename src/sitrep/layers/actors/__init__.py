"""Actors: persons, organisations, groups and states, with their mentions and coreference."""
