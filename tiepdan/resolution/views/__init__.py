"""The officials' resolution pages: the case list, the case page and its actions."""

from tiepdan.resolution.views.cases import case_list
from tiepdan.resolution.views.detail import complexity, detail, transition

__all__ = ["case_list", "complexity", "detail", "transition"]
