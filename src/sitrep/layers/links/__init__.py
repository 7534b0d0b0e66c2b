"""Links: figures tied to the events they count."""
