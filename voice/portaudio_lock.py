"""One lock for every call that opens, starts, stops or closes a PortAudio stream, shared by
the microphone (voice.hearing.mic) and the speaker (voice.speaking.speaker), which run on
threads of their own. PortAudio is not thread safe ("DO NOT call PortAudio from multiple
threads without synchronization", its own test patest_write_stop_hang_illegal.c): the live test
of a microphone lost and back hung now and then under load (about one CI run in five) with the
microphone's thread reopening its stream while the speaker started or paused its own, and
nothing more was said or logged. The streams' callbacks never take it."""

from __future__ import annotations

import threading

PORTAUDIO = threading.RLock()
