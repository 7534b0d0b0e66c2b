"""Events: PLOVER events with roles, place, time and status."""
