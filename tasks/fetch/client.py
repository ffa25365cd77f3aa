"""The fetch stage's one HTTP client: polite, bounded, and every attempt on the record.

A client serves one source: it keeps a requests Session per host, stays on the source's
host, obeys robots.txt, spaces its requests, retries 429/5xx/transport failures with
exponential backoff and jitter (honouring Retry-After up to a bound), follows a bounded
chain of redirects itself, and stops reading a body at FetchSettings.max_bytes. A URL fetched
before is asked for conditionally (ETag / Last-Modified); a 304 answer is served from the
raw store. Each HTTP attempt becomes a FetchAttempt; each complete body goes to the store.
"""

from __future__ import annotations

import hashlib
import random
import socket
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import requests
import urllib3
from urllib3.exceptions import ProtocolError, ReadTimeoutError

from tasks.fetch.policy import is_loopback_url, refusal, site_key
from tasks.fetch.raw_store import load_raw, load_validators, save_validators, store_raw
from tasks.records import FetchAttempt

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
NOT_RETRIED_5XX = {501, 505}  # "not implemented" answers will not change on retry
RETRIED_ERRORS = {"timeout", "connection", "truncated"}
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class FetchSettings:
    """The fetch stage's settings (built by fazhi/settings.py from FAZHI_* variables)."""

    raw_dir: Path  # the raw store: fetched bodies by sha256 (tasks/fetch/raw_store.py)
    http_timeout_s: float = 10.0  # read timeout; connecting gets its own shorter one
    http_retries: int = 3
    max_bytes: int = 20 * 1024 * 1024
    user_agent: str = "fazhi/0.1 (+law-based government report harvester; research use)"
    connect_timeout_s: float = 5.0
    http_total_timeout_s: float = 60.0  # a whole response, so a trickling server cannot stall us
    backoff_base_s: float = 0.5  # retry n waits ~base * 2**(n-1), half of it random; capped:
    backoff_max_s: float = 8.0
    retry_after_max_s: float = 30.0  # a server's Retry-After is honoured up to this
    max_redirects: int = 5
    min_request_interval_s: float = 0.25  # politeness: gap between requests to one host
    max_crawl_delay_s: float = 10.0  # robots.txt Crawl-delay is honoured up to this
    # the certificate authorities to trust, a PEM file, instead of requests' bundle (for
    # portals whose certificates chain to a CA outside it; concatenate both files to keep
    # both); None: requests' bundle
    ca_bundle: str | None = None


def source_settings(source: dict, settings: FetchSettings) -> FetchSettings:
    """The run's settings with the source's own politeness gap, if its row sets one. Within a
    batch requests go one at a time; the flow runs at most ``max_concurrency`` (default 1)
    of a source's batches at once, each spaced by this gap."""
    if "min_request_interval_s" in source:
        return replace(settings, min_request_interval_s=source["min_request_interval_s"])
    return settings


class FetchFailed(Exception):
    """No usable response for a URL; error_class is the last FetchAttempt's error."""

    def __init__(self, url: str, error_class: str, detail: str = "") -> None:
        super().__init__(f"{url}: {error_class}" + (f" ({detail})" if detail else ""))
        self.url = url
        self.error_class = error_class


@dataclass
class Response:
    url: str  # after redirects
    status: int
    headers: requests.structures.CaseInsensitiveDict
    body: bytes
    sha256: str | None
    encoding: str | None = None  # set once the body is decoded as a page
    controls_removed: int = 0  # and how many control characters decoding removed

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")


def origin(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class HttpClient:
    """HTTP for one source; use as a context manager so its sessions are closed."""

    def __init__(self, settings: FetchSettings, source_id: str | None = None,
                 home_url: str | None = None) -> None:
        self.settings = settings
        self.source_id = source_id
        self.home_url = home_url
        self.home_site = site_key(home_url) if home_url else None
        self._addresses: dict[str, list[str]] = {}
        self.attempts: list[FetchAttempt] = []
        self._sessions: dict[str, requests.Session] = {}
        self._robots: dict[str, RobotFileParser] = {}
        self._last_request: dict[str, float] = {}
        self._crawl_delay: dict[str, float] = {}
        self._random = random.Random()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        for session in self._sessions.values():
            session.close()

    # --- public -------------------------------------------------------------------------
    def get(self, url: str) -> Response:
        """Final response for url (any status); FetchFailed for refusals and transport errors."""
        return self.request(url)

    def post(self, url: str, form: dict[str, str]) -> Response:
        """Final response to a POSTed form (a CMS list API: Hanweb's dataproxy.jsp, Fujian's
        /fjdzapp/search), with the same robots.txt, gaps, retries and records as a GET."""
        return self.request(url, form)

    def request(self, url: str, form: dict[str, str] | None = None) -> Response:
        """GET url, or POST ``form`` to it; a redirect is followed with a GET, as browsers do."""
        seen = {url}
        for _hop in range(self.settings.max_redirects + 1):
            self._check_allowed(url)
            response = self._fetch_with_retries(url, form=form)
            location = response.headers.get("Location")
            if response.status not in REDIRECT_STATUSES or not location:
                return response
            target = urljoin(response.url, location.strip()).split("#")[0]
            if target in seen:
                raise self._refuse(target, "redirect_loop", f"back to {target} from {url}")
            seen.add(target)
            url, form = target, None
        raise self._refuse(url, "too_many_redirects", f"more than {self.settings.max_redirects}")

    def mark(self, error_class: str) -> None:
        """Reclassify the last attempt (a 200 that turned out to be a soft 404, …)."""
        if self.attempts:
            self.attempts[-1].error = error_class

    def allowed(self, url: str) -> bool:
        """What discovery may follow: the request policy's answer without resolving names
        (the request itself resolves and checks again)."""
        return refusal(url, self.home_url) is None

    # --- checks ---------------------------------------------------------------------------
    def _check_allowed(self, url: str) -> None:
        self._check_policy(url)
        if not self._robots_for(url).can_fetch(self.settings.user_agent, url):
            raise self._refuse(url, "robots", "disallowed by robots.txt")

    def _check_policy(self, url: str) -> None:
        """tasks/fetch/policy.py on this hop; FetchFailed (recorded, nothing requested) if
        refused."""
        refused = self._policy_refusal(url)
        if refused:
            raise self._refuse(url, *refused)

    def _policy_refusal(self, url: str) -> tuple[str, str] | None:
        """The policy's refusal of url, judged with the addresses its host resolves to."""
        refused = refusal(url, self.home_url)
        if refused is None and not (self.home_url and is_loopback_url(self.home_url)):
            refused = refusal(url, self.home_url, self._resolve(url))
        return refused

    def _resolve(self, url: str) -> list[str]:
        """The host's addresses (cached per host); none if it does not resolve, which the
        request then reports as a connection error."""
        host = urlsplit(url).hostname or ""
        if host not in self._addresses:
            try:
                infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
            except (OSError, UnicodeError):
                infos = []
            self._addresses[host] = sorted({str(info[4][0]) for info in infos})
        return self._addresses[host]

    def _refuse(self, url: str, error_class: str, detail: str) -> FetchFailed:
        self._record(url, None, error_class, 1, b"", None, 0.0)
        return FetchFailed(url, error_class, detail)

    def _robots_for(self, url: str) -> RobotFileParser:
        """The host's robots.txt, read as RFC 9309 says: any 4xx (no file, or a WAF that
        blocks it) allows everything; a server error or no answer disallows everything."""
        key = origin(url)
        if key not in self._robots:
            parser = RobotFileParser(key + "/robots.txt")
            status, text = self._robots_text(key + "/robots.txt")
            if status >= 500:
                parser.disallow_all = True
            elif status >= 400:
                parser.allow_all = True
            else:
                parser.parse(text.splitlines())
                delay = parser.crawl_delay(self.settings.user_agent)
                if delay:
                    self._crawl_delay[site_key(url)] = min(float(delay),
                                                           self.settings.max_crawl_delay_s)
            self._robots[key] = parser
        return self._robots[key]

    def _robots_text(self, robots_url: str) -> tuple[int, str]:
        """(status, text) of robots.txt, following up to max_redirects redirects (RFC 9309),
        each hop checked by the request policy. A redirect the policy refuses (another site,
        a private address) ends the chain as "no robots.txt" (404: allow), the way RFC 9309
        treats a redirect that cannot be followed; the refused URL is never requested."""
        for _hop in range(self.settings.max_redirects + 1):
            if self._policy_refusal(robots_url):  # the 3xx hop before it is on the record
                return 404, ""
            try:
                response = self._fetch_with_retries(robots_url, robots=True)
            except FetchFailed:
                return 503, ""
            location = response.headers.get("Location")
            if response.status not in REDIRECT_STATUSES or not location:
                return response.status, response.body.decode("utf-8", "replace")
            robots_url = urljoin(robots_url, location.strip()).split("#")[0]
        return 503, ""

    # --- one URL, with retries --------------------------------------------------------------
    def _fetch_with_retries(self, url: str, robots: bool = False,
                            form: dict[str, str] | None = None) -> Response:
        retries = self.settings.http_retries
        for attempt in range(1, retries + 2):
            try:
                response = self._attempt(url, attempt, robots, form)
            except FetchFailed as failure:
                if failure.error_class not in RETRIED_ERRORS or attempt > retries:
                    raise
                self._sleep(self._backoff(attempt))
                continue
            delay = self._retry_delay(response, attempt)
            if delay is None or attempt > retries:
                return response
            self._sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _retry_delay(self, response: Response, attempt: int) -> float | None:
        """Seconds to wait before retrying this response, or None to keep it."""
        status = response.status
        if status != 429 and (status < 500 or status in NOT_RETRIED_5XX):
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is None:
            return self._backoff(attempt)
        return retry_after if retry_after <= self.settings.retry_after_max_s else None

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with "equal jitter": half fixed, half random."""
        cap = min(self.settings.backoff_max_s, self.settings.backoff_base_s * 2 ** (attempt - 1))
        return cap / 2 + self._random.uniform(0, cap / 2)

    def _sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, seconds))

    def _session(self, url: str) -> requests.Session:
        key = site_key(url)
        if key not in self._sessions:
            session = requests.Session()
            session.headers.update({
                "User-Agent": self.settings.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
                "Accept-Language": "zh-CN,zh;q=0.9",
            })
            # a deployment's proxy settings apply, but never to the loopback demo portal
            session.trust_env = not is_loopback_url(url)
            if self.settings.ca_bundle:
                session.verify = self.settings.ca_bundle
            self._sessions[key] = session
        return self._sessions[key]

    def _wait_politely(self, url: str) -> None:
        """Space requests to a host by min_request_interval_s or its robots.txt Crawl-delay."""
        key = site_key(url)
        interval = max(self.settings.min_request_interval_s, self._crawl_delay.get(key, 0.0))
        gap = time.monotonic() - self._last_request.get(key, float("-inf"))
        if gap < interval:
            time.sleep(interval - gap)
        self._last_request[key] = time.monotonic()

    def _attempt(self, url: str, attempt: int, robots: bool,
                 form: dict[str, str] | None = None) -> Response:
        self._wait_politely(url)
        # a POST answer depends on its form, not only its URL: never asked conditionally,
        # and recorded under its URL with the form appended, so each API page has its row
        cached = None if form is not None else load_validators(self.settings.raw_dir, url)
        recorded = url if form is None else posted_url(url, form)
        timeout = (self.settings.connect_timeout_s, self.settings.http_timeout_s)
        started = time.monotonic()
        try:
            if form is None:
                raw = self._session(url).get(url, stream=True, allow_redirects=False,
                                             headers=conditional_headers(cached), timeout=timeout)
            else:
                raw = self._session(url).post(url, data=form, stream=True,
                                              allow_redirects=False, timeout=timeout)
        except requests.RequestException as exc:
            error = transport_error(exc)
            self._record(recorded, None, error, attempt, b"", None, _ms(started))
            raise FetchFailed(recorded, error, str(exc)) from exc
        with raw:
            try:
                body = self._read_body(raw, started)
            except _BodyError as exc:
                self._record(recorded, raw.status_code, exc.error_class, attempt, b"", None,
                             _ms(started))
                raise FetchFailed(recorded, exc.error_class, str(exc)) from exc
        if raw.status_code == 304 and cached:  # unchanged: the body we stored last time
            self._record(url, 304, None, attempt, b"", cached["sha256"], _ms(started))
            return Response(url, 304, raw.headers, load_raw(self.settings.raw_dir,
                                                            cached["sha256"]), cached["sha256"])
        # robots.txt is read, never kept (only documents go to the raw store); its hash is
        # still on the record, as every 200's is
        if body and not robots:
            digest = store_raw(self.settings.raw_dir, body)
        else:
            digest = hashlib.sha256(body).hexdigest() if body else None
        if raw.status_code == 200 and digest and form is None and not robots:
            save_validators(self.settings.raw_dir, url, raw.headers.get("ETag"),
                            raw.headers.get("Last-Modified"), digest)
        error = None if raw.status_code < 400 or (robots and raw.status_code < 500) \
            else f"http_{raw.status_code}"
        self._record(recorded, raw.status_code, error, attempt, body, digest, _ms(started))
        return Response(raw.url or url, raw.status_code, raw.headers, body, digest)

    def _read_body(self, raw: requests.Response, started: float) -> bytes:
        """The whole body, or _BodyError: over max_bytes, past the total deadline, cut short.

        Reads with read1 so that a server trickling bytes is noticed at the deadline, not
        only once a full chunk has arrived.
        """
        limit = self.settings.max_bytes
        deadline = started + self.settings.http_total_timeout_s
        declared = raw.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise _BodyError("too_large", f"Content-Length {declared} > {limit}")
        chunks, total = [], 0
        try:
            while chunk := raw.raw.read1(CHUNK_BYTES, decode_content=True):
                total += len(chunk)
                if total > limit:
                    raise _BodyError("too_large", f"more than {limit} bytes")
                if time.monotonic() > deadline:
                    raise _BodyError("timeout", f"body unfinished after "
                                                f"{self.settings.http_total_timeout_s} s")
                chunks.append(chunk)
        except (ReadTimeoutError, TimeoutError) as exc:
            raise _BodyError("timeout", str(exc)) from exc
        except (ProtocolError, OSError) as exc:  # connection broken mid-body
            raise _BodyError("truncated", str(exc)) from exc
        except urllib3.exceptions.DecodeError as exc:
            raise _BodyError("decode", f"Content-Encoding: {exc}") from exc
        body = b"".join(chunks)
        encoded = raw.headers.get("Content-Encoding", "identity").lower() != "identity"
        if declared and declared.isdigit() and not encoded and len(body) < int(declared):
            raise _BodyError("truncated", f"{len(body)} of {declared} bytes")
        return body

    def _record(self, url: str, status: int | None, error: str | None, attempt: int,
                body: bytes, digest: str | None, elapsed_ms: float) -> None:
        self.attempts.append(FetchAttempt(
            url=url, status=status, error=error, attempt=attempt, bytes=len(body),
            sha256=digest, elapsed_ms=round(elapsed_ms, 1), fetched_at=now_iso(),
            source_id=self.source_id))


class _BodyError(Exception):
    def __init__(self, error_class: str, detail: str) -> None:
        super().__init__(detail)
        self.error_class = error_class


def _ms(started: float) -> float:
    return (time.monotonic() - started) * 1000


def transport_error(exc: requests.RequestException) -> str:
    """Error class of a requests exception."""
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "truncated"
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return "decode"
    if isinstance(exc, requests.Timeout):
        return "timeout"
    # a read timeout while streaming the body arrives wrapped in a ConnectionError
    if exc.args and isinstance(exc.args[0], ReadTimeoutError):
        return "timeout"
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                        requests.exceptions.MissingSchema)):
        return "invalid_url"
    return "connection"


def posted_url(url: str, form: dict[str, str]) -> str:
    """How a POST is recorded in ``fetches``: its URL with the form appended as a query."""
    return f"{url}{'&' if '?' in url else '?'}{urlencode(form)}"


def conditional_headers(cached: dict[str, str] | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the validators of the last fetch."""
    headers = {}
    if cached and cached.get("etag"):
        headers["If-None-Match"] = cached["etag"]
    if cached and cached.get("last_modified"):
        headers["If-Modified-Since"] = cached["last_modified"]
    return headers


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
