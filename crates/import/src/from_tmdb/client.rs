//! TMDB over HTTP for flimmer-tmdb: the token in its header, the cache in front of every
//! request, waits on 429, a few tries on 5xx, and a stop when going on cannot help.
//!
//! | answer | what happens |
//! |---|---|
//! | in the cache, and reads as the endpoint's JSON | used; nothing is sent |
//! | 2xx that reads | used and stored in the cache |
//! | 2xx that does not read | the title (or page) is skipped as malformed; not stored |
//! | 401 | the run stops at once: the token was refused ([`Stop::TokenRefused`]) |
//! | 429 | wait `Retry-After` (at most [`MAX_WAIT`]; without a usable header 1, 2, 4 … s) and send it again; [`MAX_RATE_LIMITED`] in a row stop the run |
//! | 5xx, or no answer | [`SERVER_RETRIES`] more tries after 1 s and 2 s, then the title is skipped; [`MAX_FAILURES_IN_A_ROW`] such titles in a row stop the run |
//! | any other status (404, …) | the title is skipped with TMDB's message |

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use catalog::Date;
use serde::de::DeserializeOwned;
use tmdb::{Failure, Request};

use super::cache::Cache;
use super::summary::{seconds, Reason, Requests};

/// The longest wait for one `Retry-After`, however long TMDB asks for.
pub const MAX_WAIT: Duration = Duration::from_secs(60);
/// Tries after the first when TMDB answers 5xx or not at all.
pub const SERVER_RETRIES: u32 = 2;
/// 429s in a row for one request before the run stops: the quota is gone for now.
pub const MAX_RATE_LIMITED: u32 = 10;
/// Requests in a row that failed on every try before the run stops: TMDB is down or
/// unreachable, and each further title would only cost its retries.
pub const MAX_FAILURES_IN_A_ROW: u32 = 5;
/// The largest answer read: a details answer with a long cast is about 100 KB.
const MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(30);

/// TMDB's API read access token. Only ever sent as `Authorization: Bearer …`; its `Debug`
/// does not show it, so no message can print it by accident.
#[derive(Clone)]
pub struct Token(String);

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<hidden>)")
    }
}

impl Token {
    /// A token as given (surrounding white space dropped). Refused, with a message that
    /// does not repeat it, when empty or not one line of printable ASCII: it could not
    /// travel in a header.
    pub fn new(text: &str) -> Result<Token, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("TMDB_TOKEN is empty".into());
        }
        if !text.bytes().all(|b| b.is_ascii_graphic()) {
            return Err("TMDB_TOKEN is not a token: it must be one line of printable ASCII without spaces".into());
        }
        Ok(Token(text.to_owned()))
    }

    fn header_value(&self) -> ureq::http::HeaderValue {
        // Checked in `new`: printable ASCII is a valid header value.
        let mut value = ureq::http::HeaderValue::from_str(&format!("Bearer {}", self.0))
            .expect("a printable ASCII token is a valid header value");
        value.set_sensitive(true);
        value
    }
}

/// Why an answer gave nothing, for the title or page it was for; the run goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub reason: Reason,
    pub detail: String,
}

/// Why the run cannot go on. Everything answered so far is in the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// 401: the token is wrong, expired or revoked.
    TokenRefused(String),
    /// 429 for the same request [`MAX_RATE_LIMITED`] times in a row.
    RateLimited,
    /// [`MAX_FAILURES_IN_A_ROW`] requests in a row failed on every try.
    Failing(String),
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::TokenRefused(message) => write!(
                f,
                "token refused: {message}. TMDB_TOKEN must be the API Read Access Token of your TMDB \
                 account's API settings (a long text starting with eyJ), not the shorter API key"
            ),
            Stop::RateLimited => write!(
                f,
                "TMDB answered 429 (too many requests) {MAX_RATE_LIMITED} times in a row: the quota is used up for now"
            ),
            Stop::Failing(last) => write!(
                f,
                "{MAX_FAILURES_IN_A_ROW} requests in a row failed on every try: TMDB is down or unreachable \
                 (last: {last})"
            ),
        }
    }
}

/// An answer, read as its endpoint's type.
#[derive(Debug)]
pub struct Got<T> {
    pub value: T,
    pub from_cache: bool,
}

/// A pause before sending a request again, reported as it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wait {
    pub wait: Duration,
    /// `429, Retry-After: 1` or `TMDB answered 502`
    pub why: String,
    /// The request's path, `/movie/949` (never the query: it is long, and says little here).
    pub path: String,
}

impl fmt::Display for Wait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: waiting {} before asking for {} again", self.why, seconds(self.wait), self.path)
    }
}

/// One try's outcome.
enum Attempt {
    Success(String),
    Status {
        status: u16,
        retry_after: Option<String>,
        body: String,
    },
    /// No answer: no connection, a time-out, a connection closed mid-answer.
    NoAnswer(String),
    /// An answer that cannot be read as text, or too large.
    Unreadable(String),
}

/// Sends requests to one API base with one token, through the cache.
pub struct Client {
    agent: ureq::Agent,
    api_base: String,
    token: Token,
    cache: Cache,
    delay: Duration,
    last_sent: Option<Instant>,
    failures_in_a_row: u32,
    pub requests: Requests,
}

/// Sleeps; a function so the waits are in one place.
fn pause(d: Duration) {
    if !d.is_zero() {
        std::thread::sleep(d);
    }
}

impl Client {
    /// A client for `api_base` (`https://api.themoviedb.org/3`), keeping answers in
    /// `cache_dir`, with at least `delay` between two requests it sends.
    pub fn new(api_base: &str, token: Token, cache_dir: &Path, delay: Duration) -> std::io::Result<Client> {
        let config = ureq::Agent::config_builder()
            // Error statuses are answers to read (429's Retry-After, TMDB's message).
            .http_status_as_error(false)
            .timeout_global(Some(TIMEOUT))
            // ureq's default, said here: a redirect to another host never gets the token.
            .redirect_auth_headers(ureq::config::RedirectAuthHeaders::Never)
            .user_agent(concat!("flimmer-tmdb/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Client {
            agent: config.into(),
            api_base: api_base.trim_end_matches('/').to_owned(),
            token,
            cache: Cache::open(cache_dir)?,
            delay,
            last_sent: None,
            failures_in_a_row: 0,
            requests: Requests::default(),
        })
    }

    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    /// The answer to `request`: from the cache if it has a readable one, else from TMDB
    /// (see the module docs for what each status does). `Err` stops the run; `Ok(Err)`
    /// skips what the request was for.
    pub fn get<T: DeserializeOwned>(
        &mut self,
        request: &Request,
        on_wait: &mut dyn FnMut(&Wait),
    ) -> Result<Result<Got<T>, Problem>, Stop> {
        // The API base is not part of the key: a mirror or a test's fake shares the cache.
        let key = request.url("");
        if let Some(body) = self.cache.read(&key) {
            match tmdb::decode::<T>(200, &body) {
                Ok(value) => {
                    self.requests.from_cache += 1;
                    return Ok(Ok(Got { value, from_cache: true }));
                }
                Err(_) => self.requests.cache_damaged += 1,
            }
        }

        let url = request.url(&self.api_base);
        let mut rate_limited = 0;
        let mut failed = 0;
        loop {
            let why = match self.send(&url) {
                Attempt::Success(body) => {
                    self.failures_in_a_row = 0;
                    return Ok(match tmdb::decode::<T>(200, &body) {
                        Ok(value) => {
                            self.store(&key, &body);
                            Ok(Got { value, from_cache: false })
                        }
                        Err(failure) => Err(Problem { reason: Reason::Malformed, detail: failure.to_string() }),
                    });
                }
                Attempt::Unreadable(detail) => {
                    self.failures_in_a_row = 0;
                    return Ok(Err(Problem { reason: Reason::Malformed, detail }));
                }
                Attempt::Status { status: 401, body, .. } => {
                    let message = match Failure::from_status(401, &body) {
                        Failure::Unauthorized { message } if !message.is_empty() => message,
                        _ => "TMDB answered 401".to_owned(),
                    };
                    return Err(Stop::TokenRefused(message));
                }
                Attempt::Status { status: 429, retry_after, .. } => {
                    rate_limited += 1;
                    if rate_limited >= MAX_RATE_LIMITED {
                        return Err(Stop::RateLimited);
                    }
                    let asked = retry_after.as_deref().and_then(|v| parse_retry_after(v, SystemTime::now()));
                    let wait = asked.unwrap_or_else(|| backoff(rate_limited)).min(MAX_WAIT);
                    let why = match &retry_after {
                        Some(value) => format!("429, Retry-After: {}", value.chars().take(40).collect::<String>()),
                        None => "429 without Retry-After".to_owned(),
                    };
                    on_wait(&Wait { wait, why, path: request.path.clone() });
                    pause(wait);
                    self.requests.rate_limited += 1;
                    self.requests.rate_limit_wait += wait;
                    continue;
                }
                Attempt::Status { status, body, .. } if status >= 500 => {
                    Failure::from_status(status, &body).to_string()
                }
                Attempt::Status { status, body, .. } => {
                    self.failures_in_a_row = 0;
                    let detail = Failure::from_status(status, &body).to_string();
                    return Ok(Err(Problem { reason: Reason::Refused, detail }));
                }
                Attempt::NoAnswer(why) => why,
            };
            failed += 1;
            if failed > SERVER_RETRIES {
                self.failures_in_a_row += 1;
                if self.failures_in_a_row >= MAX_FAILURES_IN_A_ROW {
                    return Err(Stop::Failing(why));
                }
                let detail = format!("{why} ({} tries)", SERVER_RETRIES + 1);
                return Ok(Err(Problem { reason: Reason::ServerError, detail }));
            }
            let wait = backoff(failed);
            on_wait(&Wait { wait, why, path: request.path.clone() });
            pause(wait);
            self.requests.retried += 1;
            self.requests.retry_wait += wait;
        }
    }

    /// One request, at least `delay` after the previous one.
    fn send(&mut self, url: &str) -> Attempt {
        if let Some(last) = self.last_sent {
            pause(self.delay.saturating_sub(last.elapsed()));
        }
        self.requests.sent += 1;
        let result = self
            .agent
            .get(url)
            .header("Authorization", self.token.header_value())
            .header("Accept", "application/json")
            .call();
        let attempt = match result {
            Ok(mut response) => {
                let status = response.status().as_u16();
                let retry_after =
                    response.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(|v| v.trim().to_owned());
                let body = response.body_mut().with_config().limit(MAX_BODY_BYTES).read_to_string();
                match body {
                    Ok(body) if (200..300).contains(&status) => Attempt::Success(body),
                    Ok(body) => Attempt::Status { status, retry_after, body },
                    Err(e @ (ureq::Error::Io(_) | ureq::Error::Timeout(_))) => {
                        Attempt::NoAnswer(format!("the answer broke off: {e}"))
                    }
                    // An error status's body is only its message; the status says enough.
                    Err(_) if !(200..300).contains(&status) => {
                        Attempt::Status { status, retry_after, body: String::new() }
                    }
                    Err(e) => Attempt::Unreadable(format!("the answer could not be read: {e}")),
                }
            }
            Err(e) => Attempt::NoAnswer(format!("no answer: {e}")),
        };
        self.last_sent = Some(Instant::now());
        attempt
    }

    fn store(&mut self, key: &str, body: &str) {
        if let Err(e) = self.cache.write(key, body) {
            self.requests.cache_write_errors += 1;
            if self.requests.cache_write_error.is_none() {
                self.requests.cache_write_error = Some(format!("{}: {e}", self.cache.dir().display()));
            }
        }
    }
}

/// The wait before try `n + 1` when the server gave no time: 1, 2, 4, … seconds, at most
/// [`MAX_WAIT`].
pub fn backoff(n: u32) -> Duration {
    Duration::from_secs(1u64 << n.saturating_sub(1).min(6)).min(MAX_WAIT)
}

/// `Retry-After` as a wait: whole seconds (`120`), or an HTTP date (`Wed, 21 Oct 2026
/// 07:28:00 GMT`) from `now`. `None` for anything else, so the caller backs off instead.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // A number too long for u64 is still "a long time".
        return Some(value.parse().map_or(MAX_WAIT, Duration::from_secs));
    }
    let at = http_date(value)?;
    let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since 1970 of an IMF-fixdate, the form HTTP sends: `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(value: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (_weekday, rest) = value.split_once(", ")?;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    let month = MONTHS.iter().position(|m| m == month)? as u8 + 1;
    let date = Date::new(year.parse().ok()?, month, day.parse().ok()?)?;
    let hms: Vec<u64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else { return None };
    if *h > 23 || *m > 59 || *s > 60 {
        return None;
    }
    // Days since 1970-01-01; a date before it is no wait anyway.
    let days = u64::try_from(date.day_number()).ok()?;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(unix: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(unix)
    }

    #[test]
    fn reads_retry_after_in_seconds() {
        assert_eq!(parse_retry_after("1", at(0)), Some(Duration::from_secs(1)));
        assert_eq!(parse_retry_after(" 120 ", at(0)), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("99999999999999999999999", at(0)), Some(MAX_WAIT));
    }

    #[test]
    fn reads_retry_after_as_an_http_date() {
        // 1994-11-06 08:49:37 UTC is 784111777 (RFC 9110's example date).
        let date = "Sun, 06 Nov 1994 08:49:37 GMT";
        assert_eq!(http_date(date), Some(784_111_777));
        assert_eq!(parse_retry_after(date, at(784_111_770)), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after(date, at(784_111_999)), Some(Duration::ZERO), "a date in the past: no wait");
    }

    #[test]
    fn garbage_retry_after_gives_no_wait_so_the_caller_backs_off() {
        for garbage in ["", "soon", "-1", "1.5", "Sun, 06 Nov 1994 25:00:00 GMT", "Sun, 31 Feb 1994 08:00:00 GMT"] {
            assert_eq!(parse_retry_after(garbage, at(0)), None, "{garbage:?}");
        }
    }

    #[test]
    fn backs_off_doubling_up_to_a_minute() {
        let waits: Vec<u64> = (1..=9).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn tokens_are_one_line_of_printable_ascii_and_never_shown() {
        assert!(Token::new("  eyJhbGciOiJIUzI1NiJ9.abc.def \n").is_ok());
        assert!(Token::new("").is_err());
        assert!(Token::new("two words").is_err());
        assert!(Token::new("line\nbreak").is_err());
        let token = Token::new("eyJsecret").unwrap();
        assert!(!format!("{token:?}").contains("secret"));
        assert!(
            Token::new("ey J secret").unwrap_err().contains("TMDB_TOKEN")
                && !Token::new("ey J secret").unwrap_err().contains("secret")
        );
    }
}
