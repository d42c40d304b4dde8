"""Speaking: `Say` → speech queue (priorities, never overlapping, cut on stop) → synthesis
(pyttsx3 on espeak-ng) → playback; and the voice's remembered rate and volume.
May import: the shared vocabulary (voice.events, voice.clock, voice.errors, voice.wav_files)
and intents."""
