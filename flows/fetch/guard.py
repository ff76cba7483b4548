"""Address policy: public addresses only, checked before the first request and at every connect."""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable

import certifi
import httpcore

from extractors.exceptions import FetchError

Resolver = Callable[[str, int], Awaitable[list[str]]]
SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)


def is_public_address(address: str) -> bool:
    """Return True when an IP address is globally routable (not loopback, private, link-local)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv6Address) and ip.sixtofour is not None:
        ip = ip.sixtofour  # 2002:7f00:1:: is 127.0.0.1 through 6to4
    if isinstance(ip, ipaddress.IPv4Address) and not ip.is_global and not ip.is_private:
        return False  # 100.64.0.0/10 shared (carrier NAT; cloud metadata at 100.100.100.200)
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return False
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def check_addresses(host: str, addresses: Iterable[str]) -> None:
    """Raise FetchError("blocked_address") when any address of a host is not public."""
    blocked = sorted({a for a in addresses if not is_public_address(a)})
    if blocked:
        raise FetchError(
            "blocked_address", f"{host} resolves to {', '.join(blocked)} (allow_private is off)"
        )


async def vet_host(
    resolver: Resolver, name: str, port: int
) -> tuple[str | None, FetchError | None]:
    """Return (why the host is dead, why it is refused) after resolving it: None when fine."""
    try:
        addresses = await resolver(name, port)
    except OSError as exc:
        return f"cannot resolve {name}: {exc}", None
    try:
        check_addresses(name, addresses)
    except FetchError as exc:
        return None, exc
    return None, None


@functools.cache
def tls_context() -> ssl.SSLContext:
    """Return the TLS context shared by every client of the process (loading CAs is slow)."""
    return ssl.create_default_context(cafile=certifi.where())


async def resolve_host(host: str, port: int) -> list[str]:
    """Return the IP addresses a host name resolves to."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


class CheckedBackend(httpcore.AsyncNetworkBackend):
    """Open TCP connections as httpcore does, then refuse a peer address that is not public.

    The fetcher checks a host's addresses before its first request, but the connection
    resolves the name again: a host that answers a public address to the check and a
    private one to the connect (DNS rebinding) would get through. This backend checks the
    address actually connected to, before a byte is sent. The peer address is passed
    through the same resolver as names (an IP literal resolves to itself), so a resolver
    that stands in for DNS judges peers and names alike.
    """

    def __init__(self, resolver: Resolver) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._resolver = resolver

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Connect, then raise FetchError("blocked_address") if the peer is not public."""
        stream = await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        peer = stream.get_extra_info("server_addr")
        address = str(peer[0]) if isinstance(peer, tuple) and peer else host
        try:
            check_addresses(f"{host} (connected to {address})", await self._resolver(address, port))
        except (FetchError, OSError) as exc:
            await stream.aclose()
            detail = exc.detail if isinstance(exc, FetchError) else f"{address}: {exc}"
            raise FetchError("blocked_address", detail) from None
        return stream

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Refuse: the fetcher only speaks TCP."""
        raise FetchError("blocked_address", f"unix socket {path!r} is not fetched")

    async def sleep(self, seconds: float) -> None:
        """Sleep as the wrapped backend does."""
        await self._inner.sleep(seconds)


def checked_pool(
    resolver: Resolver, *, max_connections: int, keepalive: int, keepalive_expiry: float
) -> httpcore.AsyncConnectionPool:
    """Return an httpcore connection pool whose connections go through CheckedBackend."""
    return httpcore.AsyncConnectionPool(
        ssl_context=tls_context(),
        max_connections=max_connections,
        max_keepalive_connections=keepalive,
        keepalive_expiry=keepalive_expiry,
        network_backend=CheckedBackend(resolver),
    )
