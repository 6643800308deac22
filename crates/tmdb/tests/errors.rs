//! TMDB's error bodies and statuses, read into failures a reader can act on.

mod common;

use common::fixture;
use tmdb::{decode, ApiError, Failure, Page};

#[test]
fn an_invalid_token_is_unauthorized_with_tmdbs_message() {
    let body = fixture("error_401.json");
    let error: ApiError = serde_json::from_str(&body).unwrap();
    assert_eq!(error.status_code, 7);
    assert!(!error.success);
    let failure = decode::<Page>(401, &body).unwrap_err();
    assert_eq!(failure, Failure::Unauthorized { message: "Invalid API key: You must be granted a valid key.".into() });
    assert_eq!(
        failure.to_string(),
        "TMDB did not accept the token (401): Invalid API key: You must be granted a valid key."
    );
}

#[test]
fn too_many_requests_is_rate_limited() {
    let body = fixture("error_429.json");
    let error: ApiError = serde_json::from_str(&body).unwrap();
    assert_eq!(error.status_code, 25);
    match decode::<Page>(429, &body).unwrap_err() {
        Failure::RateLimited { message } => assert!(message.starts_with("Your request count"), "{message}"),
        other => panic!("expected RateLimited, got {other:?}"),
    }
}

#[test]
fn other_statuses_keep_tmdbs_code_when_the_body_has_one() {
    let body =
        r#"{"status_code": 34, "status_message": "The resource you requested could not be found.", "success": false}"#;
    assert!(matches!(decode::<Page>(404, body), Err(Failure::NotFound { .. })));
    assert_eq!(
        decode::<Page>(503, r#"{"status_code": 9, "status_message": "Service offline."}"#).unwrap_err(),
        Failure::Status { http_status: 503, code: Some(9), message: "Service offline.".into() }
    );
    // A proxy's HTML error page is no TMDB body.
    let failure = decode::<Page>(502, "<html><body>Bad Gateway</body></html>").unwrap_err();
    assert_eq!(failure, Failure::Status { http_status: 502, code: None, message: String::new() });
    assert_eq!(failure.to_string(), "TMDB answered 502");
}

#[test]
fn a_success_whose_body_is_not_json_is_malformed() {
    for body in ["", "not json", "null", "42", "\"page\"", "{\"page\": 1"] {
        match decode::<Page>(200, body) {
            Err(Failure::Malformed { detail }) => assert!(!detail.is_empty()),
            other => panic!("{body:?}: expected Malformed, got {other:?}"),
        }
    }
}

#[test]
fn a_huge_error_message_is_cut() {
    let body = format!(r#"{{"status_code": 7, "status_message": "{}"}}"#, "x".repeat(100_000));
    match decode::<Page>(401, &body).unwrap_err() {
        Failure::Unauthorized { message } => assert_eq!(message.chars().count(), 300),
        other => panic!("{other:?}"),
    }
}
