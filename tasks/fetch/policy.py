"""The one request policy: which URLs a source's client may ask for, checked on every hop.

Every request the fetch stage makes — robots.txt, list pages, report pages, attachments,
each redirect hop of any of them — passes `refusal(url, home_url, addresses)` first. A source
can make fazhi fetch only http(s) URLs on its own site (host without a leading www., and
port), without credentials in the URL, and only at public addresses unless the source itself
is a loopback URL (the demo portal and the tests). Pure: the caller resolves the host name and
hands in its addresses, so this module needs no network.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

SCHEMES = ("http", "https")
LOOPBACK_NAMES = {"localhost"}


def site_key(url: str) -> str:
    """Host identity: lower-case host without a leading www., plus a non-default port."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    default = {"http": 80, "https": 443}.get(parts.scheme)
    try:
        port = parts.port
    except ValueError:  # a port that is not a number
        return f"{host}:?"
    return host if port in (None, default) else f"{host}:{port}"


def is_loopback_url(url: str) -> bool:
    """True for a URL on this machine (127.0.0.0/8, ::1, localhost)."""
    host = (urlsplit(url).hostname or "").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def non_public(address: str) -> bool:
    """Loopback, private, link-local (cloud metadata at 169.254.169.254), reserved, multicast
    or unspecified: an address a public portal has no business sending us to."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return True  # not an address we can judge: refuse rather than guess
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def refusal(url: str, home_url: str | None, addresses: list[str] | None = None
            ) -> tuple[str, str] | None:
    """(error class, why) if a source whose home is ``home_url`` may not request ``url``,
    None if it may. ``addresses``: what the URL's host resolves to (None: not resolved, so
    only a literal IP host is judged)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError as exc:
        return "invalid_url", str(exc)
    if parts.scheme not in SCHEMES or not parts.hostname:
        return "offsite", f"not an http(s) URL with a host: {parts.scheme or 'no'} scheme"
    if parts.username is not None or parts.password is not None:
        return "userinfo", "credentials in the URL"
    if home_url is not None and site_key(url) != site_key(home_url):
        return "offsite", f"not on {site_key(home_url)}"
    if home_url is not None and is_loopback_url(home_url):
        return None  # a source on this machine (demo, tests) may use this machine
    candidates = list(addresses or [])
    try:
        candidates.append(str(ipaddress.ip_address(parts.hostname.strip("[]"))))
    except ValueError:
        if parts.hostname.lower() in LOOPBACK_NAMES:
            candidates.append("127.0.0.1")
    bad = [a for a in candidates if non_public(a)]
    if bad:
        return "private_address", f"{parts.hostname} is {bad[0]}, not a public address"
    return None
