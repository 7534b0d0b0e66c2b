"""Revision scripts, oldest first by their numeric prefix."""
