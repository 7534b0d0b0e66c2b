"""CLI commands kept out of ``cli.py``, one module per concern (``search``, ``token``, ``watch``).

They use ``cli.py``'s helpers, and ``cli.py`` registers them at its end; importing this
package imports ``sitrep.cli`` first, so either import order works.
"""

import sitrep.cli  # noqa: F401
