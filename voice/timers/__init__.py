"""Timers: timer state on an injected clock, the guided routines, the desk that runs them and
saves them, recovery after a restart, spoken times and timer words, the countdown line.
May import: the shared vocabulary (voice.events, voice.clock, voice.errors) and intents."""
