"""Who is on the other end of the connection, and which ways of reaching the app are safe.

- Open mode makes every visitor the local administrator, so it serves this computer only: a
  client that is not loopback, or any request that came through a proxy, is refused with a
  pointer to signed-in mode.  KUDUS_DANGEROUS_OPEN_NETWORK=1 lifts that (the README names it
  dangerous).
- Trusted-header SSO believes a header anyone can send, so it refuses to run unless Streamlit
  listens only on loopback or on an address listed in KUDUS_TRUSTED_PROXIES, and it believes
  the header only from such a peer.
- Sign-in throttling needs the client's address; behind a proxy that is the forwarded one,
  believed only when the peer is a configured proxy (KUDUS_TRUSTED_PROXIES: addresses or
  networks, comma-separated), else anyone could pick a fresh address for every guess.

Pure functions of the peer address, the request headers and the settings (ui.auth feeds them
from st.context), so they are tested without a server.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping

LOCAL = "127.0.0.1"  # st.context.ip_address is None for a loopback peer (and with no client at all)
FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies() -> list[Network]:
    networks = []
    for part in os.environ.get("KUDUS_TRUSTED_PROXIES", "").replace(";", ",").split(","):
        if part.strip():
            try:
                networks.append(ipaddress.ip_network(part.strip(), strict=False))
            except ValueError:
                continue  # a typo trusts nothing (fails closed)
    return networks


def _address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address((text or "").strip().strip("[]"))
    except ValueError:
        return None


def is_loopback(peer: str | None) -> bool:
    if peer is None or peer in ("", "localhost"):
        return True
    address = _address(peer)
    return address is not None and address.is_loopback


def is_trusted_proxy(peer: str | None, proxies: list[Network]) -> bool:
    address = _address(LOCAL if peer is None else peer)
    return address is not None and any(address in network for network in proxies)


def _header(headers: Mapping[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return str(value)
    return ""


def client_address(peer: str | None, headers: Mapping[str, str], proxies: list[Network] | None = None) -> str:
    """The client's address: the TCP peer, or — only when the peer is a trusted proxy — the last
    address in X-Forwarded-For that is not itself a trusted proxy."""
    proxies = trusted_proxies() if proxies is None else proxies
    address = LOCAL if peer is None else peer
    if not is_trusted_proxy(address, proxies):
        return address
    for hop in reversed([h.strip() for h in _header(headers, "x-forwarded-for").split(",") if h.strip()]):
        if _address(hop) is None:
            return address  # a garbled chain: keep the proxy's own address
        if not is_trusted_proxy(hop, proxies):
            return hop
    return address


def open_network_allowed() -> bool:
    return os.environ.get("KUDUS_DANGEROUS_OPEN_NETWORK", "").strip().lower() in {"1", "true", "yes", "ya", "on"}


def open_mode_refusal(peer: str | None, headers: Mapping[str, str]) -> str | None:
    """None when open mode may serve this client; else the catalogue code of the refusal."""
    if open_network_allowed():
        return None
    if not is_loopback(peer) or any(_header(headers, name) for name in FORWARDING_HEADERS):
        return "access.open_mode_local_only"
    return None


def header_mode_refusal(server_address: str | None, peer: str | None,
                        proxies: list[Network] | None = None) -> str | None:
    """None when the trusted user header may be believed; else the catalogue code of the refusal:
    Streamlit must listen only on loopback or on a configured proxy address, and the request
    must come from loopback or a configured proxy."""
    proxies = trusted_proxies() if proxies is None else proxies
    listening = (server_address or "").strip()
    if not listening or not (is_loopback(listening) or is_trusted_proxy(listening, proxies)):
        return "access.header_mode_exposed"
    if not (is_loopback(peer) or is_trusted_proxy(peer, proxies)):
        return "access.header_mode_peer"
    return None
