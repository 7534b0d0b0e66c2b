"""Times: date expressions and their calendar values."""
