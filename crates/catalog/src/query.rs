//! The URL codec: a `Filter` to and from the query string (`?region=DE&services=netflix,disney-plus&types=flatrate`).
//!
//! Parsing never fails: a value that is not valid is dropped and the default takes its
//! place, so any link someone pastes opens a sensible view.

use crate::filter::Filter;
use crate::model::{Monetization, ProviderId, RegionCode};
use crate::small::SortedSet;

pub const REGION: &str = "region";
pub const SERVICES: &str = "services";
pub const TYPES: &str = "types";
const FILTER_KEYS: [&str; 3] = [REGION, SERVICES, TYPES];
/// The most services a link can choose; more are ignored.
pub const MAX_SERVICES: usize = 256;

impl Filter {
    /// Reads a filter from a query string (with or without the leading `?`).
    pub fn from_query(query: &str, default_region: RegionCode) -> Filter {
        let pairs = pairs(query);
        let value = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        let region =
            value(REGION).and_then(|r| RegionCode::parse(&r.trim().to_ascii_uppercase())).unwrap_or(default_region);
        // A real link names a few services; a hostile one could name a million.
        let services: SortedSet<ProviderId> =
            list(value(SERVICES)).filter_map(ProviderId::parse).take(MAX_SERVICES).collect();
        // Absent means the default; present but empty means "none chosen"; present with
        // only unknown values means a broken link, which gets the default.
        let types = match value(TYPES) {
            None => Filter::default_types(),
            Some(raw) => {
                let parsed: SortedSet<Monetization> = list(Some(raw)).filter_map(Monetization::parse).collect();
                if parsed.is_empty() && list(Some(raw)).next().is_some() {
                    Filter::default_types()
                } else {
                    parsed
                }
            }
        };
        Filter { region, services, types }
    }

    /// The canonical query string for this filter, without the leading `?`.
    /// Values need no escaping: ids and codes are restricted to `[A-Za-z0-9-]`.
    pub fn to_query(&self) -> String {
        let mut out = format!("{REGION}={}", self.region);
        if !self.services.is_empty() {
            let services: Vec<&str> = self.services.iter().map(ProviderId::as_str).collect();
            out.push_str(&format!("&{SERVICES}={}", services.join(",")));
        }
        let types: Vec<&str> =
            Monetization::ALL.into_iter().filter(|m| self.types.contains(m)).map(Monetization::as_str).collect();
        out.push_str(&format!("&{TYPES}={}", types.join(",")));
        out
    }
}

/// A query string with the filter replaced by `filter` and every other parameter
/// (language, source, …) kept in its place. Returns `?…`.
pub fn with_filter(current: &str, filter: &Filter) -> String {
    let mut parts: Vec<String> = pairs(current)
        .into_iter()
        .filter(|(k, _)| !FILTER_KEYS.contains(&k.as_str()))
        .map(|(k, v)| format!("{}={}", encode(&k), encode(&v)))
        .collect();
    parts.insert(0, filter.to_query());
    format!("?{}", parts.join("&"))
}

/// A query string with `key` set to `value` (or removed, for `None`), other parameters kept.
pub fn with_param(current: &str, key: &str, value: Option<&str>) -> String {
    let mut parts: Vec<String> = pairs(current)
        .into_iter()
        .filter(|(k, _)| k != key)
        .map(|(k, v)| format!("{}={}", encode(&k), encode(&v)))
        .collect();
    if let Some(value) = value {
        parts.push(format!("{}={}", encode(key), encode(value)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The value of one parameter, decoded.
pub fn param(query: &str, key: &str) -> Option<String> {
    pairs(query).into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Splits and percent-decodes `a=1&b=x%20y` (`+` is a space, as in forms).
pub fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn list(raw: Option<&str>) -> impl Iterator<Item = &str> {
    raw.unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty())
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b',' | b':' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
