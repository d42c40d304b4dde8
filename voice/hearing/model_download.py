"""Download a model archive over HTTPS, resumably, check its SHA-256, extract it safely and
move it into place atomically. Called only by `backcoach models download`.

- The archive goes to `DEST/.download-<sha>.zip.part`; a rerun (or an automatic retry after a
  dropped connection) continues it with an HTTP Range request, or starts over if the server
  ignores Range.
- No archive entry may leave the target: absolute paths, `..`, drive letters and symlinks are
  refused before anything is written.
- The model is unpacked into a hidden temporary folder beside its final place and renamed into
  place, so a half-extracted model is never found by `resolve_model_path`.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import shutil
import stat
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from voice.errors import ModelError

log = logging.getLogger(__name__)

Progress = Callable[[int, "int | None"], None]
CHUNK = 1 << 16
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def download(
    url: str,
    sha256: str,
    dest: Path,
    progress: Progress | None = None,
    retries: int = 3,
    timeout: float = 30.0,
) -> Path:
    """Fetch `url` into `dest` and return the extracted model folder."""
    _check_url(url)
    dest.mkdir(parents=True, exist_ok=True)
    part = dest / f".download-{sha256[:16].lower()}.zip.part"
    for attempt in range(1, retries + 1):
        try:
            _fetch(url, part, progress, timeout)
            break
        except (OSError, http.client.HTTPException) as err:
            if isinstance(err, urllib.error.HTTPError):
                raise ModelError(f"download of {url} failed: HTTP {err.code} {err.reason}") from err
            have = part.stat().st_size if part.exists() else 0
            log.warning(
                "download attempt %d of %s stopped at %d bytes: %s", attempt, url, have, err
            )
            if attempt == retries:
                raise ModelError(
                    f"download of {url} was interrupted at {have} bytes ({err}); run the same "
                    "command again to resume"
                ) from err
    digest = _sha256(part)
    if digest != sha256.lower():
        part.unlink()
        raise ModelError(
            f"download of {url} has SHA-256 {digest}, expected {sha256}; the file was deleted, "
            "run the command again or check --sha256"
        )
    try:
        return extract_model(part, dest, label=url)
    finally:
        part.unlink()  # checked and used, or refused: either way not worth resuming


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return  # a local mirror or the test server; nothing crosses the network in clear
    raise ModelError(f"refusing to download {url}: only https:// URLs are allowed")


def _fetch(url: str, part: Path, progress: Progress | None, timeout: float) -> None:
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "backcoach"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (scheme checked)
    except urllib.error.HTTPError as err:
        if err.code == 416 and have:  # we already have it all; the checksum decides
            return
        raise
    with response:
        if have and response.status != 206:
            log.info("server ignored the Range request; starting %s over", url)
            have = 0
        length = response.headers.get("Content-Length")
        total = have + int(length) if length is not None else None
        with part.open("ab" if have else "wb") as out:
            done = have
            while True:
                block = response.read(CHUNK)
                if not block:
                    break
                out.write(block)
                done += len(block)
                if progress is not None:
                    progress(done, total)
    if total is not None and done < total:
        raise http.client.IncompleteRead(b"", total - done)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract_model(archive: Path, dest: Path, label: str | None = None) -> Path:
    """Unpack a zip whose entries all stay inside one folder, and move that folder to
    `dest/<folder>` atomically (an existing model of that name is replaced). Errors name
    `label` (the URL) or the archive."""
    name = label or str(archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            top = _check_entries(infos, name)
            with tempfile.TemporaryDirectory(prefix=".extract-", dir=dest) as tmp:
                zf.extractall(tmp)  # entries were checked above: none escape, none are links
                new = Path(tmp) / top
                if not (new / "am" / "final.mdl").is_file():
                    raise ModelError(f"{name}: the archive holds no Vosk model (no am/final.mdl)")
                final = dest / top
                old = Path(tmp) / ".previous"
                if final.exists():
                    final.rename(old)
                new.rename(final)
                if old.exists():
                    shutil.rmtree(old)
                return final
    except zipfile.BadZipFile as err:
        raise ModelError(f"{name}: not a valid zip archive ({err})") from err


def _check_entries(infos: list[zipfile.ZipInfo], archive: str) -> str:
    tops: set[str] = set()
    for info in infos:
        name = info.filename
        path = PurePosixPath(name.replace("\\", "/"))
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
            raise ModelError(f"{archive}: refusing absolute path entry {name!r}")
        if ".." in path.parts:
            raise ModelError(f"{archive}: refusing entry {name!r} that leaves the target folder")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ModelError(f"{archive}: refusing symbolic link entry {name!r}")
        if path.parts:
            tops.add(path.parts[0])
    if len(tops) != 1:
        raise ModelError(f"{archive}: expected one top-level model folder, found {sorted(tops)}")
    return tops.pop()
