"""Picking an input device by name or number, the device list as printed, and the microphone's
quiet wait for a device that is not there yet.

The wait is driven with stand-ins for PortAudio's device list and stream: a microphone being
plugged in cannot happen on this machine (no sound card, and PortAudio reads its list once). The
real PortAudio paths (no device at all, a PulseAudio source that appears, one that is unloaded
mid-session) run in tests/integration/test_microphone_devices.py."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any

import pytest

from voice.clock import FakeClock
from voice.errors import DeviceError
from voice.hearing.devices import InputDevice, describe, pick
from voice.hearing.mic import Microphone, MicSettings

DEVICES = [
    InputDevice(0, "HDA Intel PCH: ALC257 Analog (hw:0,0)", 2),
    InputDevice(3, "Blue Yeti USB Microphone", 1),
    InputDevice(5, "pulse", 32),
    InputDevice(6, "default", 32),
]


def test_a_number_is_an_input_device_index() -> None:
    assert pick(3, DEVICES) == 3
    assert pick(None, DEVICES) is None


def test_a_name_is_any_part_of_it_in_any_case_an_exact_name_first() -> None:
    assert pick("yeti", DEVICES) == 3
    assert pick("USB MIC", DEVICES) == 3
    assert pick("Default", DEVICES) == 6
    assert pick("alc257", DEVICES) == 0


def test_an_unknown_device_is_one_line_listing_what_exists() -> None:
    with pytest.raises(DeviceError) as raised:
        pick("headset", DEVICES)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("no input device 'headset'")
    assert "3 Blue Yeti USB Microphone" in message and "6 default" in message
    with pytest.raises(DeviceError, match=r"no input device 4 "):
        pick(4, DEVICES)  # 4 is no input device
    with pytest.raises(DeviceError, match=r"\(input devices: none\)"):
        pick("yeti", [])


def test_the_list_names_each_device_with_its_number_or_says_there_is_none() -> None:
    text = describe(DEVICES)
    assert "    3  Blue Yeti USB Microphone" in text.splitlines()
    assert text.splitlines()[0].startswith("Input devices")
    assert describe([]).startswith("No input devices found.")


class PlugInLater:
    """The device list is empty until `after` looks, then holds a USB microphone; the stream
    stand-in delivers three chunks when opened."""

    def __init__(self, clock: FakeClock, after: int) -> None:
        self.clock = clock
        self.after = after
        self.looked_at: list[float] = []
        self.rescans = 0
        self.opened: list[Any] = []

    def list(self) -> list[InputDevice]:
        self.looked_at.append(self.clock.now().mono)
        return DEVICES[1:2] if len(self.looked_at) > self.after else []

    def rescan(self) -> None:
        self.rescans += 1

    def open(self, settings: MicSettings, callback: Any) -> Any:
        self.opened.append(settings.device)
        timing = SimpleNamespace(currentTime=1.0, inputBufferAdcTime=0.99)
        for _ in range(3):
            callback(b"\0" * 2 * settings.block, settings.block, timing, None)
        return SimpleNamespace(device=settings.device, abort=lambda: None, close=lambda: None)


def test_no_microphone_is_said_once_then_looked_for_quietly_until_one_appears() -> None:
    clock = FakeClock()
    plug = PlugInLater(clock, after=2 * 5)  # plugged in after 5 looks of 2 calls each
    said: list[str] = []
    mic = Microphone(
        clock,
        MicSettings(device="usb", poll=2.0),
        on_lost=lambda m: said.append(f"lost: {m}"),
        on_back=lambda: said.append("back"),
        on_missing=lambda m: said.append(f"missing: {m}"),
        on_found=lambda name: said.append(f"found: {name}"),
        opener=plug.open,
        lister=plug.list,
        rescan=plug.rescan,
    )
    chunks = []
    for chunk, _ in mic.chunks():
        chunks.append(chunk)
        if len(chunks) == 3:
            mic.close()
    assert said == [
        "missing: microphone 'usb' cannot be opened (no input device)",
        "found: Blue Yeti USB Microphone",
    ]
    assert plug.opened == [3]  # "usb" is looked up in the list: device 3
    assert plug.rescans == 5  # the list is read again (a rescan) whenever it was empty
    looks = plug.looked_at[::2]  # one look (list, rescan, list again) every poll
    assert [b - a for a, b in zip(looks, looks[1:], strict=False)] == [2.0] * 5
    assert mic.outages == 0 and not mic.lost and mic.device_name == "Blue Yeti USB Microphone"


def test_without_a_rescan_the_list_is_only_read() -> None:
    """Live mode passes no rescan while the speaker's stream is open (a rescan closes it)."""
    clock = FakeClock()
    plug = PlugInLater(clock, after=3)
    mic = Microphone(clock, MicSettings(poll=1.0), opener=plug.open, lister=plug.list)
    stop = threading.Event()
    for _ in mic.chunks():
        if not stop.is_set():
            stop.set()
            mic.close()
    assert plug.rescans == 0 and plug.opened == [None] and len(plug.looked_at) == 4


def test_no_other_thread_calls_portaudio_while_the_microphone_opens_or_closes_its_stream() -> None:
    """PortAudio is not thread safe: the speaker starting or pausing its stream while the
    microphone reopened its own hung the live coach now and then (the live test of a lost
    microphone). Stand-ins again: that race cannot be made to happen on demand. While the
    microphone opens, aborts and closes, another thread cannot take the lock the speaker
    takes (voice.portaudio_lock)."""
    from voice.portaudio_lock import PORTAUDIO

    def others_can_call() -> bool:
        got: list[bool] = []

        def other() -> None:
            got.append(PORTAUDIO.acquire(blocking=False))
            if got[0]:
                PORTAUDIO.release()

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        return got[0]

    seen: dict[str, bool] = {}
    plug = PlugInLater(FakeClock(), after=0)

    def opening(settings: MicSettings, callback: Any) -> Any:
        seen["open"] = others_can_call()
        stream = plug.open(settings, callback)
        stream.abort = lambda: seen.setdefault("abort", others_can_call())
        stream.close = lambda: seen.setdefault("close", others_can_call())
        return stream

    mic = Microphone(FakeClock(), MicSettings(), opener=opening, lister=plug.list)
    for _ in mic.chunks():
        mic.close()
    assert seen == {"open": False, "abort": False, "close": False}
    assert others_can_call()  # and free again after
