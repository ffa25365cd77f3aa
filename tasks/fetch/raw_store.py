"""Content-addressed store of raw fetched bodies: `<raw_dir>/<sha[:2]>/<sha>`, written once.

Keeping the bytes exactly as served lets a later run reprocess a page without fetching it
again, and lets anyone check what fazhi saw against what it extracted. Next to the bodies,
`validators/` keeps each URL's ETag/Last-Modified so the next run can ask "changed since?"
and, on 304 Not Modified, read the body from here instead of the network.

Every read checks the bytes against their name: a file changed on disk (by accident or by
someone with write access to the folder) raises RawTampered and is never processed; a save
over a tampered file rewrites it.
"""

from __future__ import annotations

import json
import os
import tempfile
from hashlib import sha256
from pathlib import Path


def raw_path(raw_dir: Path, digest: str) -> Path:
    return raw_dir / digest[:2] / digest


class RawTampered(OSError):
    """A stored body whose bytes no longer hash to its name."""

    error_class = "raw_tampered"

    def __init__(self, path: Path, actual: str) -> None:
        super().__init__(f"{path}: bytes hash to {actual[:12]}…, not to the file's name")
        self.path = path


def _intact(path: Path, digest: str) -> bool:
    try:
        return sha256(path.read_bytes()).hexdigest() == digest
    except FileNotFoundError:
        return False


def store_raw(raw_dir: Path, body: bytes) -> str:
    """Save body under its sha256 (once; a second save of the same bytes is a no-op, unless
    the stored file was changed since: then it is written again)."""
    digest = sha256(body).hexdigest()
    path = raw_path(raw_dir, digest)
    if _intact(path, digest):
        return digest
    path.parent.mkdir(parents=True, exist_ok=True)
    # write-then-rename: a concurrent reader never sees half a file under the final name
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(body)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def load_raw(raw_dir: Path, digest: str) -> bytes:
    """The stored body with this sha256; FileNotFoundError names the missing path,
    RawTampered a file whose bytes do not hash to its name."""
    path = raw_path(raw_dir, digest)
    body = path.read_bytes()
    actual = sha256(body).hexdigest()
    if actual != digest:
        raise RawTampered(path, actual)
    return body


def _validators_path(raw_dir: Path, url: str) -> Path:
    return raw_dir / "validators" / f"{sha256(url.encode('utf-8')).hexdigest()[:32]}.json"


def load_validators(raw_dir: Path, url: str) -> dict[str, str] | None:
    """ETag/Last-Modified of the last 200 for url, if its body is still in the store."""
    path = _validators_path(raw_dir, url)
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    # only a body still intact may stand in for a 304: otherwise ask unconditionally
    if saved.get("url") != url or not _intact(raw_path(raw_dir, saved.get("sha256", "")),
                                              saved.get("sha256", "")):
        return None
    return saved


def save_validators(raw_dir: Path, url: str, etag: str | None, last_modified: str | None,
                    digest: str) -> None:
    """Remember what a conditional GET of url may send next time (nothing if neither header)."""
    if not (etag or last_modified):
        return
    path = _validators_path(raw_dir, url)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"url": url, "etag": etag, "last_modified": last_modified, "sha256": digest}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
