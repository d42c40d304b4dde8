"""Errors raised while loading intent data. Each message names the file (and line if known)."""


class TemplateError(ValueError):
    """A template or reply file is malformed. str(err) is one line: 'FILE[:LINE]: what'."""
