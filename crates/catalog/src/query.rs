//! The URL codec: a `Filter` to and from the query string (`?region=DE&services=netflix,disney-plus&types=flatrate`).
//!
//! Parsing never fails: a value that is not valid is dropped and the default takes its
//! place, so any link someone pastes opens a sensible view.

use crate::facet::FILTER_FACETS;
use crate::filter::{Filter, Sort};
use crate::model::RegionCode;

pub const REGION: &str = "region";
pub const SORT: &str = "sort";
/// The most services a link can choose; more are ignored.
pub const MAX_SERVICES: usize = crate::facet::MAX_VALUES;

/// Whether `key` is a URL parameter of the filter (the rest belongs to the page: `lang`, `source`).
fn is_filter_key(key: &str) -> bool {
    key == REGION || key == SORT || FILTER_FACETS.iter().any(|f| f.key().url_key() == key)
}

impl Filter {
    /// Reads a filter from a query string (with or without the leading `?`). Each facet
    /// reads its own parameter (see `facet`); what is missing takes the default.
    pub fn from_query(query: &str, default_region: RegionCode) -> Filter {
        let pairs = pairs(query);
        let value = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        let region =
            value(REGION).and_then(|r| RegionCode::parse(&r.trim().to_ascii_uppercase())).unwrap_or(default_region);
        let mut filter = Filter::new(region);
        for facet in FILTER_FACETS {
            if let Some(v) = value(facet.key().url_key()) {
                facet.read(v, &mut filter);
            }
        }
        filter.sort = value(SORT).and_then(|s| Sort::parse(s.trim()));
        filter
    }

    /// The canonical query string for this filter, without the leading `?`: the region,
    /// then each facet that is not at its default, in `FACETS` order, then the sort.
    pub fn to_query(&self) -> String {
        let mut out = format!("{REGION}={}", self.region);
        for facet in FILTER_FACETS {
            if let Some(v) = facet.write(self) {
                out.push_str(&format!("&{}={}", facet.key().url_key(), encode(&v)));
            }
        }
        if let Some(sort) = self.sort {
            out.push_str(&format!("&{SORT}={}", sort.as_str()));
        }
        out
    }
}

/// A query string with the filter replaced by `filter` and every other parameter
/// (language, source, …) kept in its place. Returns `?…`.
pub fn with_filter(current: &str, filter: &Filter) -> String {
    let mut parts: Vec<String> = pairs(current)
        .into_iter()
        .filter(|(k, _)| !is_filter_key(k))
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
