//! The middleware every request passes: target length, `Host` check, write access
//! (read-only server, bearer token), a time limit, and the security headers.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::state::AppState;

/// Longest request path accepted; longer gets 414 `uri_too_long`. A query string
/// longer than `filter::MAX_QUERY_BYTES` gets 414 `query_too_long` on every route.
pub const MAX_URI_BYTES: usize = 16 * 1024;

/// The Content-Security-Policy of every response: the UI's scripts, styles and
/// images come from the server itself, nothing may frame it, no plugins, no
/// inline scripts. (Leaflet and d3 position elements through `style` properties,
/// hence `'unsafe-inline'` for styles only.)
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

/// Routes that change the database: need `--allow-writes` and the token.
fn is_write(method: &Method, path: &str) -> bool {
    method == Method::POST && path == "/api/documents"
}

/// True when `host` (a `Host` header value, maybe with a port) may reach this
/// server: any IP literal, `localhost`, or one of `names`. A DNS-rebinding page
/// always sends its own domain name, so it is refused.
pub fn host_allowed(host: &str, names: &[String]) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, _)) => ip,
            None => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
            _ => host,
        }
    };
    let name = name.trim_end_matches('.');
    if name.is_empty() {
        return false;
    }
    name.parse::<std::net::IpAddr>().is_ok()
        || name.eq_ignore_ascii_case("localhost")
        || names.iter().any(|n| {
            let n = n.trim().trim_end_matches('.');
            n.eq_ignore_ascii_case(name) || n.eq_ignore_ascii_case(host)
        })
}

/// Compares in time independent of where the strings differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(crate) async fn guard(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let mut resp = match check(&st, &req) {
        Err(e) => e.into_response(),
        Ok(()) => {
            let limit = st.access().request_timeout;
            match tokio::time::timeout(limit, next.run(req)).await {
                Ok(resp) => resp,
                Err(_) => AppError::Timeout(format!(
                    "the request took longer than {} s",
                    limit.as_secs_f64()
                ))
                .into_response(),
            }
        }
    };
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    resp
}

fn check(st: &AppState, req: &Request) -> Result<(), AppError> {
    // Every route, also those that read no query, answers a long target with JSON.
    let path = req.uri().path().len();
    if path > MAX_URI_BYTES {
        return Err(AppError::UriTooLong(format!(
            "the request path is {path} bytes; at most {MAX_URI_BYTES} are accepted"
        )));
    }
    let query = req.uri().query().map_or(0, str::len);
    if query > crate::filter::MAX_QUERY_BYTES {
        return Err(AppError::param(
            "query_too_long",
            "",
            format!(
                "the query string is {query} bytes; at most {} are accepted",
                crate::filter::MAX_QUERY_BYTES
            ),
        ));
    }
    let access = st.access();
    if let Some(names) = &access.hosts {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| req.uri().authority().map(|a| a.as_str()));
        match host {
            Some(h) if host_allowed(h, names) => {}
            Some(h) => {
                return Err(AppError::BadHost(format!(
                    "Host `{}` is not this server (start it with --host-name {} to allow it)",
                    h.chars().take(200).collect::<String>(),
                    h.split(':')
                        .next()
                        .unwrap_or(h)
                        .chars()
                        .take(200)
                        .collect::<String>()
                )))
            }
            None => return Err(AppError::BadHost("the request has no Host header".into())),
        }
    }
    if is_write(req.method(), req.uri().path()) {
        if !access.allow_writes {
            return Err(AppError::Forbidden(
                "the server is read-only (start it with --allow-writes)".into(),
            ));
        }
        if let Some(token) = &access.token {
            let given = req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|h| h.to_str().ok())
                .and_then(|h| {
                    h.strip_prefix("Bearer ")
                        .or_else(|| h.strip_prefix("bearer "))
                })
                .map(str::trim);
            match given {
                Some(g) if same_secret(g.as_bytes(), token.as_bytes()) => {}
                Some(_) => return Err(AppError::Unauthorized("wrong bearer token".into())),
                None => {
                    return Err(AppError::Unauthorized(
                        "writes need `Authorization: Bearer TOKEN` (printed by rasd serve, or $RASD_TOKEN)"
                            .into(),
                    ))
                }
            }
        }
    }
    Ok(())
}

/// A fresh random token: 128 bits from the standard library's randomly keyed
/// hashers (seeded from the operating system), as 32 hex digits.
pub fn new_token() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::with_capacity(32);
    for i in 0..2u64 {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        h.write_u32(std::process::id());
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// Default request time limit.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let names = vec!["rasd.lan".to_string()];
        for ok in [
            "127.0.0.1:8080",
            "localhost",
            "LOCALHOST:80",
            "[::1]:8080",
            "10.0.0.5",
            "rasd.lan:8080",
            "rasd.lan.",
        ] {
            assert!(host_allowed(ok, &names), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "evil.example",
            "",
            "[::1",
            "localhost.evil.com",
        ] {
            assert!(!host_allowed(bad, &names), "{bad}");
        }
    }

    #[test]
    fn tokens_differ_and_compare() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(same_secret(a.as_bytes(), a.as_bytes()));
        assert!(!same_secret(a.as_bytes(), b.as_bytes()));
    }
}
