"""`backcoach models download` against a real HTTP server on 127.0.0.1 (no network needed):
a good archive, a wrong checksum, an entry that tries to escape, a dropped connection."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from model_archives import MODEL_FILES, model_zip, sha

from voice.errors import ModelError
from voice.hearing.model_download import download
from voice.hearing.models import check_model

ROOT = Path(__file__).resolve().parents[2]


class Archives(BaseHTTPRequestHandler):
    """Serves `files`; honours Range; `drops[path]` connections are cut after half the body."""

    files: dict[str, bytes] = {}
    drops: dict[str, int] = {}
    ranges: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        data = self.files.get(self.path)
        if data is None:
            self.send_error(404)
            return
        start = 0
        header = self.headers.get("Range")
        if header:
            self.ranges.append(header)
            start = int(header.removeprefix("bytes=").split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.drops.get(self.path, 0) > 0:
            self.drops[self.path] -= 1
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(2)  # the connection drops mid-body
            return
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    Archives.files, Archives.drops, Archives.ranges = {}, {}, []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Archives)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_good_archive_is_checked_extracted_and_usable(server: str, tmp_path: Path) -> None:
    data = model_zip()
    Archives.files["/m.zip"] = data
    seen: list[tuple[int, int | None]] = []
    path = download(
        f"{server}/m.zip", sha(data), tmp_path, progress=lambda d, t: seen.append((d, t))
    )
    assert path == tmp_path / "vosk-model-tiny-0.1"
    assert check_model(path) == path
    assert (path / "graph" / "Gr.fst").read_bytes() == MODEL_FILES["graph/Gr.fst"]
    assert seen[-1] == (len(data), len(data))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vosk-model-tiny-0.1"]  # no leftovers


def test_wrong_checksum_deletes_the_file_and_installs_nothing(server: str, tmp_path: Path) -> None:
    Archives.files["/m.zip"] = model_zip()
    with pytest.raises(ModelError, match="has SHA-256 .* expected 0000"):
        download(f"{server}/m.zip", "0" * 64, tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "entry",
    ["!../evil.txt", "!vosk-model-tiny-0.1/../../evil.txt", "!/tmp/evil.txt", "!C:/evil.txt"],
)
def test_entries_escaping_the_target_are_refused(server: str, tmp_path: Path, entry: str) -> None:
    data = model_zip(extra={entry: b"owned"})
    Archives.files["/m.zip"] = data
    dest = tmp_path / "models"
    with pytest.raises(ModelError, match="refusing"):
        download(f"{server}/m.zip", sha(data), dest)
    assert not (tmp_path / "evil.txt").exists()
    assert [p.name for p in dest.iterdir()] == []


def test_symlink_entries_are_refused(server: str, tmp_path: Path) -> None:
    buffer = io.BytesIO(model_zip())
    with zipfile.ZipFile(buffer, "a") as zf:
        link = zipfile.ZipInfo("vosk-model-tiny-0.1/am/link")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    data = buffer.getvalue()
    Archives.files["/m.zip"] = data
    with pytest.raises(ModelError, match="symbolic link"):
        download(f"{server}/m.zip", sha(data), tmp_path)


def test_dropped_connection_resumes_with_a_range_request(server: str, tmp_path: Path) -> None:
    data = model_zip()
    Archives.files["/m.zip"] = data
    Archives.drops["/m.zip"] = 1
    path = download(f"{server}/m.zip", sha(data), tmp_path)
    assert check_model(path) == path
    assert Archives.ranges == [f"bytes={len(data) // 2}-"]


def test_connection_that_keeps_dropping_keeps_the_partial_file_for_next_time(
    server: str, tmp_path: Path
) -> None:
    data = model_zip()
    Archives.files["/m.zip"] = data
    Archives.drops["/m.zip"] = 2
    with pytest.raises(ModelError, match="interrupted .* run the same command again"):
        download(f"{server}/m.zip", sha(data), tmp_path, retries=2)
    assert [p.name for p in tmp_path.iterdir()] == [f".download-{sha(data)[:16]}.zip.part"]
    path = download(f"{server}/m.zip", sha(data), tmp_path)  # the rerun finishes it
    assert check_model(path) == path


def test_plain_http_is_refused_except_on_loopback(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="only https"):
        download("http://example.com/m.zip", "0" * 64, tmp_path)


def test_cli_downloads_and_reports_errors_in_one_line(server: str, tmp_path: Path) -> None:
    good, bad = model_zip(), model_zip(extra={"!../x": b""})
    Archives.files.update({"/good.zip": good, "/bad.zip": bad})
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "voice", "models", "download", "--dest", str(tmp_path)]
    ok = subprocess.run(
        [*cmd, "--url", f"{server}/good.zip", "--sha256", sha(good)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == str(tmp_path / "vosk-model-tiny-0.1")
    assert "100%" in ok.stderr
    failed = subprocess.run(
        [*cmd, "--url", f"{server}/bad.zip", "--sha256", sha(bad)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert failed.returncode == 2
    assert failed.stderr.strip().splitlines()[-1].startswith("backcoach: ")
    assert "refusing entry '../x'" in failed.stderr
