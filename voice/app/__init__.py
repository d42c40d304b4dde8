"""The application: the command line, settings, the one composition root (wiring), the session
loop and its text and live modes, `parse` and `models`. The only room that knows every other.
May import: everything; nothing imports it (but voice/__main__.py, the entry point)."""
