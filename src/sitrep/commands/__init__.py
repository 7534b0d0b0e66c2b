"""CLI commands kept out of ``cli.py``, one module per concern; ``cli.py`` registers ``COMMANDS``."""

from sitrep.commands.search import search
from sitrep.commands.token import token
from sitrep.commands.watch import watch

COMMANDS = (search, token, watch)
