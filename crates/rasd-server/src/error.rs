use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// Every failure of a handler. Bad input gets its own status and message;
/// internal failures answer 500 with a generic message and are logged.
#[derive(Debug)]
pub enum AppError {
    /// 400: a parameter or body that cannot be used.
    BadRequest(String),
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
}

impl AppError {
    pub(crate) fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        AppError::Internal(format!("{context}: {err}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            AppError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            AppError::PayloadTooLarge(m) => (StatusCode::PAYLOAD_TOO_LARGE, m),
            AppError::UnsupportedMediaType(m) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, m),
            AppError::Unprocessable(m) => (StatusCode::UNPROCESSABLE_ENTITY, m),
            AppError::Internal(m) => {
                tracing::error!(error = %m, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal server error".to_owned(),
                )
            }
        };
        (status, Json(json!({ "error": message }))).into_response()
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

impl From<QueryRejection> for AppError {
    fn from(rej: QueryRejection) -> Self {
        AppError::BadRequest(rej.body_text())
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(err: tokio::task::JoinError) -> Self {
        AppError::internal("blocking task failed", err)
    }
}
