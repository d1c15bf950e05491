//! The address of the client behind the reverse proxies in front of Heard.
//!
//! A proxy reports the address it took a request from in `Forwarded`
//! (RFC 7239, `for=`) or `X-Forwarded-For`, appending to what the client
//! sent. Anyone can send those headers, so they count only when the TCP peer
//! is a proxy listed in `HEARD_TRUSTED_PROXIES`, and only from the right: the
//! client is the right-most address that is not itself a trusted proxy.
//! Everything left of it was written by the client and is ignored.

use crate::state::AppState;
use actix_web::http::header::{HeaderMap, HeaderName, FORWARDED, X_FORWARDED_FOR};
use actix_web::{web, HttpMessage, HttpRequest};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// `HEARD_TRUSTED_PROXIES`: the proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads a comma-separated list of IP addresses and CIDR ranges
    /// (`127.0.0.1, 10.0.0.0/8, ::1`); the message names the entry that is
    /// neither.
    pub fn parse(raw: &str) -> Result<Self, String> {
        raw.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .map(|net| net.trunc())
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!(
                            "{entry:?} is neither an IP address nor a CIDR range like 10.0.0.0/8"
                        )
                    })
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    /// Whether `ip` is one of them.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// Whether none are listed, so forwarding headers are never believed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Display for TrustedProxies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list: Vec<String> = self.0.iter().map(IpNet::to_string).collect();
        f.write_str(&list.join(", "))
    }
}

/// The client address worked out for a request, kept with it so the rate
/// limits and the request log agree.
#[derive(Debug, Clone, Copy)]
struct ClientAddr(Option<IpAddr>);

/// The address of the client that sent `req`: the peer, or behind trusted
/// proxies the address they forwarded for. `None` only when the peer is
/// unknown (a request that did not come over TCP).
pub fn client_addr(req: &HttpRequest) -> Option<IpAddr> {
    if let Some(known) = req.extensions().get::<ClientAddr>() {
        return known.0;
    }
    let addr =
        req.peer_addr().map(
            |peer: SocketAddr| match req.app_data::<web::Data<AppState>>() {
                Some(state) => behind(peer.ip(), req.headers(), &state.settings.trusted_proxies),
                None => peer.ip().to_canonical(),
            },
        );
    req.extensions_mut().insert(ClientAddr(addr));
    addr
}

/// The client's address for a request from `peer` carrying `headers`.
///
/// When a trusted proxy sends both headers they must name the same client:
/// a proxy that writes only one passes the other through from the client
/// unchecked, and which one that is cannot be told from here. Disagreeing
/// headers, and a hop that is not an address (`unknown`, an obfuscated
/// name, garbage), leave the peer's address: every such request then shares
/// the proxy's allowance, so a forged header never earns one of its own.
pub fn behind(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.contains(peer) {
        return peer;
    }
    let forwarded = chain(headers, &FORWARDED, forwarded_for);
    let x_forwarded_for = chain(headers, &X_FORWARDED_FOR, |value| {
        value.split(',').map(node).collect()
    });
    let client = |hops: Vec<Option<IpAddr>>| nearest_untrusted(&hops, trusted);
    match (forwarded.map(client), x_forwarded_for.map(client)) {
        (None, None) => peer,
        (Some(one), None) | (None, Some(one)) => one.unwrap_or(peer),
        (Some(a), Some(b)) if a == b => a.unwrap_or(peer),
        (Some(_), Some(_)) => peer,
    }
}

/// The hops of every `name` header, in order; `None` when there is none. A
/// value that is not text is one hop that is not an address.
fn chain(
    headers: &HeaderMap,
    name: &HeaderName,
    hops: impl Fn(&str) -> Vec<Option<IpAddr>>,
) -> Option<Vec<Option<IpAddr>>> {
    let mut all = Vec::new();
    let mut any = false;
    for value in headers.get_all(name) {
        any = true;
        match value.to_str() {
            Ok(text) => all.extend(hops(text)),
            Err(_) => all.push(None),
        }
    }
    any.then_some(all)
}

/// The `for=` of each element of a `Forwarded` value; an element without one
/// is a hop that is not an address.
fn forwarded_for(value: &str) -> Vec<Option<IpAddr>> {
    value
        .split(',')
        .map(|element| {
            element
                .split(';')
                .filter_map(|pair| pair.split_once('='))
                .find(|(key, _)| key.trim().eq_ignore_ascii_case("for"))
                .and_then(|(_, node_name)| node(node_name))
        })
        .collect()
}

/// One hop: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]`
/// or `[2001:db8::1]:4711`, optionally quoted; anything else is not an address.
fn node(raw: &str) -> Option<IpAddr> {
    let raw = raw.trim();
    let raw = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    if let Some(rest) = raw.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        let port_ok = after.is_empty()
            || after
                .strip_prefix(':')
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        return port_ok
            .then(|| ip.parse::<IpAddr>().ok())
            .flatten()
            .map(|ip| ip.to_canonical());
    }
    raw.parse::<IpAddr>()
        .ok()
        .or_else(|| raw.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

/// The right-most hop that is not a trusted proxy; `None` when that hop is
/// not an address. When every hop is a trusted proxy, the client is one of
/// the district's own machines: the left-most.
fn nearest_untrusted(hops: &[Option<IpAddr>], trusted: &TrustedProxies) -> Option<IpAddr> {
    for hop in hops.iter().rev() {
        match hop {
            Some(ip) if trusted.contains(*ip) => continue,
            other => return *other,
        }
    }
    hops.first().copied().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_static(name),
                HeaderValue::from_str(value).expect("header value"),
            );
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn proxies(s: &str) -> TrustedProxies {
        TrustedProxies::parse(s).expect("proxies")
    }

    #[test]
    fn the_list_takes_addresses_and_ranges_and_names_what_it_cannot_read() {
        let list = proxies(" 127.0.0.1, 10.0.0.0/8,::1 , 2001:db8::/32,");
        assert_eq!(
            list.to_string(),
            "127.0.0.1/32, 10.0.0.0/8, ::1/128, 2001:db8::/32"
        );
        assert!(list.contains(ip("10.200.3.4")));
        assert!(list.contains(ip("::ffff:127.0.0.1")), "IPv4 seen over IPv6");
        assert!(!list.contains(ip("11.0.0.1")));
        assert!(proxies("").is_empty());
        for bad in ["localhost", "10.0.0.0/33", "10.0.0.1 10.0.0.2", "10.0.0"] {
            let e = TrustedProxies::parse(bad).expect_err(bad);
            assert!(e.contains("neither an IP address"), "{e}");
        }
        assert_eq!(proxies("10.1.2.3/8").to_string(), "10.0.0.0/8");
    }

    #[test]
    fn headers_count_only_from_a_trusted_peer() {
        let h = headers(&[("x-forwarded-for", "203.0.113.7")]);
        assert_eq!(
            behind(ip("198.51.100.1"), &h, &proxies("127.0.0.1")),
            ip("198.51.100.1")
        );
        assert_eq!(behind(ip("127.0.0.1"), &h, &proxies("")), ip("127.0.0.1"));
        assert_eq!(
            behind(ip("127.0.0.1"), &h, &proxies("127.0.0.1")),
            ip("203.0.113.7")
        );
        assert_eq!(
            behind(ip("127.0.0.1"), &HeaderMap::new(), &proxies("127.0.0.1")),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn the_client_is_the_right_most_hop_that_is_not_a_proxy() {
        let trusted = proxies("127.0.0.1, 10.0.0.0/8");
        let peer = ip("127.0.0.1");
        for (value, client) in [
            // What the client wrote, left of what the proxies appended, is ignored.
            ("1.2.3.4, 203.0.113.7", "203.0.113.7"),
            ("1.2.3.4, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
            ("garbage, 203.0.113.7", "203.0.113.7"),
            ("203.0.113.7:4711", "203.0.113.7"),
            ("[2001:db8::7]:4711", "2001:db8::7"),
            ("2001:db8::7", "2001:db8::7"),
            // Only proxies: a machine of the district's own.
            ("10.0.0.9, 10.0.0.2", "10.0.0.9"),
            // A hop that is not an address where the client should be: the proxy.
            ("203.0.113.7, unknown", "127.0.0.1"),
            ("", "127.0.0.1"),
            ("203.0.113.7, [2001:db8::7", "127.0.0.1"),
        ] {
            let h = headers(&[("x-forwarded-for", value)]);
            assert_eq!(behind(peer, &h, &trusted), ip(client), "{value:?}");
        }
        // Several header lines are one list, in order.
        let h = headers(&[
            ("x-forwarded-for", "1.2.3.4"),
            ("x-forwarded-for", "203.0.113.7, 10.0.0.3"),
        ]);
        assert_eq!(behind(peer, &h, &trusted), ip("203.0.113.7"));
    }

    #[test]
    fn forwarded_is_read_as_rfc_7239_writes_it() {
        let trusted = proxies("127.0.0.1");
        let peer = ip("127.0.0.1");
        for (value, client) in [
            ("for=203.0.113.7", "203.0.113.7"),
            (
                "For=\"203.0.113.7:4711\";proto=https;by=127.0.0.1",
                "203.0.113.7",
            ),
            (
                "for=1.2.3.4, for=\"[2001:db8:cafe::17]:4711\"",
                "2001:db8:cafe::17",
            ),
            (
                "for=1.2.3.4;proto=http, proto=https;for=203.0.113.7",
                "203.0.113.7",
            ),
            ("for=203.0.113.7, for=_hidden", "127.0.0.1"),
            ("for=203.0.113.7, proto=https", "127.0.0.1"),
        ] {
            let h = headers(&[("forwarded", value)]);
            assert_eq!(behind(peer, &h, &trusted), ip(client), "{value:?}");
        }
    }

    #[test]
    fn both_headers_must_agree() {
        let trusted = proxies("127.0.0.1");
        let peer = ip("127.0.0.1");
        let agree = headers(&[
            ("forwarded", "for=203.0.113.7"),
            ("x-forwarded-for", "203.0.113.7"),
        ]);
        assert_eq!(behind(peer, &agree, &trusted), ip("203.0.113.7"));
        // The proxy wrote one of them and the client forged the other.
        let forged = headers(&[
            ("forwarded", "for=1.2.3.4"),
            ("x-forwarded-for", "203.0.113.7"),
        ]);
        assert_eq!(behind(peer, &forged, &trusted), peer);
    }

    #[test]
    fn a_header_that_is_not_text_is_no_address() {
        let mut h = HeaderMap::new();
        h.insert(
            X_FORWARDED_FOR.clone(),
            HeaderValue::from_bytes(b"203.0.113.7\xff").expect("bytes"),
        );
        assert_eq!(
            behind(ip("127.0.0.1"), &h, &proxies("127.0.0.1")),
            ip("127.0.0.1")
        );
    }
}
