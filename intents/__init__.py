"""backcoach's understanding: intent templates and replies as data, the expander and matcher."""

from intents.types import UNKNOWN, Match

__all__ = ["UNKNOWN", "Match"]
