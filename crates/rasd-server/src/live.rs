//! Routes for monitoring: events new since a cursor (the UI polls it), watched feeds,
//! and the dossier of two actors.

use axum::extract::{Path, State};
use axum::Json;
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::AppError;
use crate::input::ApiQuery;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UpdatesParams {
    after: Option<i64>,
}

/// `GET /api/updates?after=N`: events new or changed since cursor `N`.
pub(crate) async fn updates(
    State(st): State<AppState>,
    ApiQuery(p): ApiQuery<UpdatesParams>,
) -> Result<Json<Value>, AppError> {
    if p.after.is_some_and(|a| a < 0) {
        return Err(AppError::BadRequest("`after` must be 0 or more".into()));
    }
    Ok(Json(st.updates(p.after).await?))
}

/// `GET /api/feeds`: each watched feed's last success, last error and items seen.
pub(crate) async fn feeds(State(st): State<AppState>) -> Result<Json<Value>, AppError> {
    Ok(Json(json!({ "feeds": st.feeds().await? })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RelationParams {
    from: Option<String>,
    to: Option<String>,
}

fn date(name: &str, v: Option<&str>) -> Result<Option<NaiveDate>, AppError> {
    v.map(|s| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| AppError::BadRequest(format!("invalid `{name}`: `{s}` (YYYY-MM-DD)")))
    })
    .transpose()
}

/// `GET /api/relations/{a}/{b}`: the dossier of two actors.
pub(crate) async fn relation(
    State(st): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    ApiQuery(p): ApiQuery<RelationParams>,
) -> Result<Json<Value>, AppError> {
    let from = date("from", p.from.as_deref())?;
    let to = date("to", p.to.as_deref())?;
    let r = st.relation(a, b, from, to).await?;
    Ok(Json(json!(r)))
}
