"""Connect-time address check: the peer of every new connection must be public (DNS rebinding)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

import httpcore

from extractors.exceptions import FetchError
from flows.fetch_net import check_addresses, tls_context

Resolver = Callable[[str, int], Awaitable[list[str]]]
SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)


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
