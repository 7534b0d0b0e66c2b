"""Claims: who says what, through whom, how surely."""
