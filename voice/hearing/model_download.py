"""Download a model archive over HTTPS, resumably, check its SHA-256, extract it safely and
move it into place atomically; or do the same with an archive or model folder the user
already has (`install`). Called only by `backcoach models download|install`.

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
import socket
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
            unreachable = _unreachable(url, err)
            if unreachable is not None:  # nothing came: trying again at once would not help
                raise ModelError(unreachable) from err
            have = part.stat().st_size if part.exists() else 0
            log.info("download attempt %d of %s stopped at %d bytes: %s", attempt, url, have, err)
            if attempt == retries:
                raise ModelError(
                    f"download of {url} was interrupted at {have} bytes ({err}); run the same "
                    "command again to resume"
                ) from err
    try:
        return _install_archive(part, sha256, dest, label=url)
    finally:
        part.unlink(missing_ok=True)  # used, or refused: either way not worth resuming


def install(source: Path, sha256: str, dest: Path) -> Path:
    """A model the user already has, put in `dest` as `download` would: an archive is
    checked against `sha256` and unpacked by the same rules; a folder must pass
    `check_model` and is copied (into a hidden folder first, then renamed into place)."""
    from voice.hearing.models import check_model

    if not source.exists():
        raise ModelError(f"{source}: no such file or folder")
    dest.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        return _install_archive(source, sha256, dest, label=str(source))
    check_model(source)
    final = dest / source.name
    if final.resolve() == source.resolve():
        return final
    with tempfile.TemporaryDirectory(prefix=".copy-", dir=dest) as tmp:
        new = Path(tmp) / source.name
        try:
            shutil.copytree(source, new)
        except OSError as err:
            raise ModelError(f"{source}: could not copy it to {dest} ({err})") from err
        _replace(new, final, Path(tmp) / ".previous")
    return final


def _install_archive(archive: Path, sha256: str, dest: Path, label: str) -> Path:
    digest = _sha256(archive)
    if digest != sha256.lower():
        if archive.name.startswith(".download-"):
            archive.unlink()
            raise ModelError(
                f"download of {label} has SHA-256 {digest}, expected {sha256}; the file was "
                "deleted, run the command again or check --sha256"
            )
        raise ModelError(
            f"{label} has SHA-256 {digest}, expected {sha256}; nothing was installed (if you "
            f"trust this archive, add --sha256 {digest})"
        )
    return extract_model(archive, dest, label=label)


def _unreachable(url: str, err: BaseException) -> str | None:
    """One line naming why nothing could be fetched (no network, host unknown or down, a
    timeout) and the two ways out; None for a connection that dropped mid-way."""
    if not isinstance(err, urllib.error.URLError):  # urlopen wraps what stops a connection
        return None
    reason, host = err.reason, urllib.parse.urlsplit(url).hostname or url
    if isinstance(reason, socket.gaierror):
        why = f"cannot reach {host}: its name could not be looked up (no network?)"
    else:
        why = f"cannot reach {host} ({getattr(reason, 'strerror', None) or reason})"
    return (
        f"{why}; connect to the internet and run the same command again, or fetch {url} "
        "another way and run `backcoach models install FILE.zip`"
    )


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
                _replace(new, final, Path(tmp) / ".previous")
                return final
    except zipfile.BadZipFile as err:
        raise ModelError(f"{name}: not a valid zip archive ({err})") from err


def _replace(new: Path, final: Path, old: Path) -> None:
    """Rename `new` to `final`; a model already there is moved to `old` first (removed with
    the temporary folder), so `final` is never half there."""
    if final.exists():
        final.rename(old)
    new.rename(final)
    if old.exists():
        shutil.rmtree(old)


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
