"""Hearing: microphone → clean-up → end of speech → recognizer (Vosk, second pass) → `Heard`.
Also the listener with its echo guard, WAV input and finding, checking and fetching models.
May import: the shared vocabulary (voice.events, voice.clock, voice.errors, voice.wav_files,
voice.cache_files) and intents."""
