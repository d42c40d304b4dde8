"""backcoach's voice: one sub-package per room of the chain, microphone to speaker.

    hearing ─▶ (intents) ─▶ coach ─▶ speaking          timers beside the coach; app wires them.

The modules at this level (events, clock, errors, wav_files, cache_files) are the shared
vocabulary every room may import. A room imports only from rooms below it
(tests/test_import_rule.py)."""
