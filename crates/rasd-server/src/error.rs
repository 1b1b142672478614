use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// Every failure of a handler. Bad input gets its own status and message;
/// internal failures answer 500 with a generic message and are logged.
///
/// Every error body is `{"error": message, "code": stable_code}`; a query
/// parameter error adds `param`, and for an unknown value or parameter `valid`
/// (the accepted values) and `did_you_mean` (the closest one).
#[derive(Debug)]
pub enum AppError {
    /// 400: a parameter or body that cannot be used.
    BadRequest(String),
    /// 400 (414 for `query_too_long`): a query parameter that cannot be used.
    Param(Box<ParamError>),
    /// 404: no such event, actor, document or route.
    NotFound(String),
    /// 413: the request body is larger than the limit.
    PayloadTooLarge(String),
    /// 415: the body is not JSON.
    UnsupportedMediaType(String),
    /// 422: well-formed JSON of the wrong shape.
    Unprocessable(String),
    /// 500: store or extractor failure; the message is logged, not sent.
    Internal(String),
    /// 401 `unauthorized`: a write without the right bearer token.
    Unauthorized(String),
    /// 403 `read_only`: a write to a read-only server.
    Forbidden(String),
    /// 405 `method_not_allowed`.
    MethodNotAllowed(String),
    /// 414 `uri_too_long`: the request target is longer than the limit.
    UriTooLong(String),
    /// 421 `bad_host`: the `Host` header names neither the server nor a configured
    /// name (a DNS-rebinding page, say).
    BadHost(String),
    /// 503 `busy` with `Retry-After`: every extraction or export slot is taken.
    Busy(String),
    /// 503 `timeout` with `Retry-After`: the request took longer than the limit.
    Timeout(String),
}

/// What is wrong with one query parameter.
#[derive(Debug, Default)]
pub struct ParamError {
    /// Stable machine-readable code: `invalid_value`, `unknown_value`,
    /// `unknown_parameter`, `repeated_parameter`, `invalid_encoding` or
    /// `query_too_long`.
    pub code: &'static str,
    /// The parameter.
    pub param: String,
    /// The message for people.
    pub message: String,
    /// The accepted values or parameters, when they can be listed.
    pub valid: Vec<String>,
    /// The accepted value closest to what was given.
    pub did_you_mean: Option<String>,
}

impl AppError {
    /// A parameter error without a list of valid values.
    pub(crate) fn param(code: &'static str, param: &str, message: String) -> Self {
        AppError::Param(Box::new(ParamError {
            code,
            param: param.to_owned(),
            message,
            ..ParamError::default()
        }))
    }

    /// The stable code of the error body.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "bad_request",
            AppError::Param(p) => p.code,
            AppError::NotFound(_) => "not_found",
            AppError::PayloadTooLarge(_) => "payload_too_large",
            AppError::UnsupportedMediaType(_) => "unsupported_media_type",
            AppError::Unprocessable(_) => "unprocessable",
            AppError::Internal(_) => "internal",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "read_only",
            AppError::MethodNotAllowed(_) => "method_not_allowed",
            AppError::UriTooLong(_) => "uri_too_long",
            AppError::BadHost(_) => "bad_host",
            AppError::Busy(_) => "busy",
            AppError::Timeout(_) => "timeout",
        }
    }

    pub(crate) fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        AppError::Internal(format!("{context}: {err}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let code = self.code();
        let (status, message) = match self {
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            AppError::Param(p) => {
                let status = if p.code == "query_too_long" {
                    StatusCode::URI_TOO_LONG
                } else {
                    StatusCode::BAD_REQUEST
                };
                let mut body = json!({ "error": p.message, "code": code, "param": p.param });
                if !p.valid.is_empty() {
                    body["valid"] = json!(p.valid);
                }
                if let Some(s) = p.did_you_mean {
                    body["did_you_mean"] = json!(s);
                }
                return (status, Json(body)).into_response();
            }
            AppError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            AppError::PayloadTooLarge(m) => (StatusCode::PAYLOAD_TOO_LARGE, m),
            AppError::UnsupportedMediaType(m) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, m),
            AppError::Unprocessable(m) => (StatusCode::UNPROCESSABLE_ENTITY, m),
            AppError::Unauthorized(m) => {
                let body = Json(json!({ "error": m, "code": code }));
                let challenge = [(axum::http::header::WWW_AUTHENTICATE, "Bearer")];
                return (StatusCode::UNAUTHORIZED, challenge, body).into_response();
            }
            AppError::Forbidden(m) => (StatusCode::FORBIDDEN, m),
            AppError::MethodNotAllowed(m) => (StatusCode::METHOD_NOT_ALLOWED, m),
            AppError::UriTooLong(m) => (StatusCode::URI_TOO_LONG, m),
            AppError::BadHost(m) => (StatusCode::MISDIRECTED_REQUEST, m),
            AppError::Busy(m) | AppError::Timeout(m) => {
                let body = Json(json!({ "error": m, "code": code }));
                let retry = [(axum::http::header::RETRY_AFTER, "1")];
                return (StatusCode::SERVICE_UNAVAILABLE, retry, body).into_response();
            }
            AppError::Internal(m) => {
                tracing::error!(error = %m, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal server error".to_owned(),
                )
            }
        };
        (status, Json(json!({ "error": message, "code": code }))).into_response()
    }
}

impl From<JsonRejection> for AppError {
    fn from(rej: JsonRejection) -> Self {
        let msg = rej.body_text();
        match rej {
            JsonRejection::JsonDataError(_) => AppError::Unprocessable(msg),
            JsonRejection::JsonSyntaxError(_) => AppError::BadRequest(msg),
            JsonRejection::MissingJsonContentType(_) => AppError::UnsupportedMediaType(msg),
            JsonRejection::BytesRejection(_) if rej.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                AppError::PayloadTooLarge("request body is too large".to_owned())
            }
            _ => AppError::BadRequest(msg),
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(err: tokio::task::JoinError) -> Self {
        AppError::internal("blocking task failed", err)
    }
}
