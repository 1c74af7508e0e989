"""How an HTTP call fails, in plain words, and URLs that are safe to show."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from cchc_tui.sources.base import ERROR, OFFLINE, SourceFailure

__all__ = ["ERROR", "OFFLINE", "SourceFailure", "RedirectRefused", "connect_failure",
           "public_url"]

if TYPE_CHECKING:  # httpx costs ~0,15 s to import: only HTTP sources pay for it
    import httpx

def public_url(url: str) -> str:
    """The URL without user-info and with query values hidden: safe to show and to log."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<invalid URL>"
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host + (f":{port}" if port else "")
    query = "&".join(f"{p.split('=', 1)[0]}=…" for p in parts.query.split("&") if p)
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


class RedirectRefused(Exception):
    """A redirect that would carry the request somewhere it must not go."""


def connect_failure(exc: httpx.ConnectError, url: str) -> SourceFailure:
    text = str(exc).lower()
    host = urlsplit(url).hostname or "?"
    if "refused" in text:
        return SourceFailure(OFFLINE, "connection refused", retryable=True)
    if "certificate" in text or "ssl" in text or "tls" in text:
        return SourceFailure(ERROR, f"TLS: the certificate of {host} is not trusted (set "
                                    "source.ca_path to the CA bundle that signed it)")
    if any(s in text for s in ("name or service", "nodename", "getaddrinfo", "name resolution",
                               "no address")):
        return SourceFailure(OFFLINE, f"cannot find the host {host} (DNS)", retryable=True)
    return SourceFailure(OFFLINE, f"cannot connect to {host}", retryable=True)
