"""Extension points for apps that build on petitions (they depend on petitions, not the reverse).

`ACCEPT_HOOKS` run inside the transaction of the move that accepts a petition for resolution;
the resolution app registers the function that opens the resolution case (apps.py ready()).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ACCEPT_HOOKS: list[Callable[..., Any]] = []
