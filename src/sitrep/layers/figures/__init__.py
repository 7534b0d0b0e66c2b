"""Figures: counted quantities with their bounds, hedges, owners and categories."""
