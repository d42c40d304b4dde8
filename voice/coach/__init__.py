"""The coach: `Coach.handle(event, now) -> actions` (dialogue, offers, heat and red-flag rules,
what it lets pass), its memory and the episode store (SQLite).
May import: the shared vocabulary, intents, and the rooms below it (voice.timers,
voice.speaking)."""
