"""Who may use the page, and what it accepts: the settings of `roster serve` and the
middleware that enforces them.

- On localhost (the default) only this machine can reach the page; requests naming any
  other host are refused, so a web page elsewhere cannot reach it by DNS tricks.
- On a LAN (`--host`), a password from the environment is required (HTTP Basic; any user
  name), and the server refuses to start without one.
- A form posted from another site is refused (Origin and Sec-Fetch-Site).
- Request bodies are limited (the upload limit, 20 MB by default), counted as they
  arrive, whatever Content-Length says.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PASSWORD_VARIABLE = "ROSTER_WEB_PASSWORD"
DEFAULT_MAX_UPLOAD_MB = 20.0
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"form-action 'self'; frame-ancestors 'none'",
    ),
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ServeRefused(Exception):
    """`roster serve` cannot start as asked; the message says why and what to do."""


@dataclass(frozen=True)
class WebConfig:
    data_dir: Path
    max_upload_bytes: int = int(DEFAULT_MAX_UPLOAD_MB * 2**20)
    password: str | None = None
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    """Host names the page answers to; ("*",) for any (on a LAN, behind the password)."""

    @property
    def max_upload_mb(self) -> float:
        return self.max_upload_bytes / 2**20


def is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def config_for(
    host: str, data_dir: Path, max_upload_mb: float, environ: MutableMapping[str, str]
) -> WebConfig:
    """The settings for `roster serve --host HOST`: a LAN address needs the password."""
    password = environ.get(PASSWORD_VARIABLE) or None
    if max_upload_mb <= 0:
        raise ServeRefused(f"--max-upload-mb {max_upload_mb:g} is not positive; expected MB > 0")
    limit = int(max_upload_mb * 2**20)
    if is_local(host):
        return WebConfig(data_dir, limit, password, LOCAL_HOSTS)
    if password is None:
        raise ServeRefused(
            f"--host {host} makes the page reachable from other machines; set a password in "
            f"the environment variable {PASSWORD_VARIABLE} first"
        )
    return WebConfig(data_dir, limit, password, ("*",))


class BodyTooLarge(Exception):
    """A request body went past the limit; raised while it is being read."""


class Guard:
    """ASGI middleware: host, password, cross-site forms, body size, security headers."""

    def __init__(self, app: ASGIApp, config: WebConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _plain(send, *refusal)
            return
        await self.app(scope, self._counted(receive), _with_headers(send))

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str, bool] | None:
        host, allowed = headers.get("host", ""), self.config.allowed_hosts
        if "*" not in allowed and _hostname(host) not in allowed:
            return 400, "This page answers only to localhost.", False
        if self.config.password is not None and not _authorised(headers, self.config.password):
            return 401, "The password is required.", True
        if scope["method"] in UNSAFE_METHODS and _cross_site(headers, host):
            return 403, "A form from another site was refused.", False
        return None

    def _counted(self, receive: Receive) -> Receive:
        limit, seen = self.config.max_upload_bytes, [0]

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen[0] += len(message.get("body", b""))
                if seen[0] > limit:
                    raise BodyTooLarge
            return message

        return counted


def _hostname(host: str) -> str:
    """The host header without its port ('[::1]:8000' -> '::1')."""
    return urlsplit(f"//{host}").hostname or ""


def _authorised(headers: dict[str, str], password: str) -> bool:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        _, _, given = base64.b64decode(token, validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return secrets.compare_digest(given.encode(), password.encode())


def _cross_site(headers: dict[str, str], host: str) -> bool:
    if headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = headers.get("origin")
    return origin is not None and (origin == "null" or urlsplit(origin).netloc != host)


async def _plain(send: Send, status: int, text: str, challenge: bool) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8"), *SECURITY_HEADERS]
    if challenge:
        headers.append((b"www-authenticate", b'Basic realm="roster", charset="UTF-8"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text.encode()})


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
        await send(message)

    return sending
