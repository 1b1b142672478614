//! The web UI and the boundary GeoJSON, embedded in the binary: the server needs
//! no files besides its database and fetches nothing from the network.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

struct Asset {
    path: &'static str,
    mime: &'static str,
    body: &'static [u8],
}

macro_rules! asset {
    ($path:literal, $mime:literal, $file:literal) => {
        Asset {
            path: $path,
            mime: $mime,
            body: include_bytes!($file),
        }
    };
}

const ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8", "../ui/index.html"),
    asset!("app.js", "text/javascript; charset=utf-8", "../ui/app.js"),
    asset!(
        "relation.js",
        "text/javascript; charset=utf-8",
        "../ui/relation.js"
    ),
    asset!("style.css", "text/css; charset=utf-8", "../ui/style.css"),
    asset!(
        "vendor/leaflet/leaflet.js",
        "text/javascript; charset=utf-8",
        "../ui/vendor/leaflet/leaflet.js"
    ),
    asset!(
        "vendor/leaflet/leaflet.css",
        "text/css; charset=utf-8",
        "../ui/vendor/leaflet/leaflet.css"
    ),
    asset!(
        "vendor/leaflet/LICENSE",
        "text/plain; charset=utf-8",
        "../ui/vendor/leaflet/LICENSE"
    ),
    asset!(
        "vendor/d3/d3.min.js",
        "text/javascript; charset=utf-8",
        "../ui/vendor/d3/d3.min.js"
    ),
    asset!(
        "vendor/d3/LICENSE",
        "text/plain; charset=utf-8",
        "../ui/vendor/d3/LICENSE"
    ),
    asset!(
        "geo/admin1.geojson",
        "application/geo+json",
        "../../../data/geo/yemen_admin1.geojson"
    ),
    asset!(
        "geo/admin2.geojson",
        "application/geo+json",
        "../../../data/geo/yemen_admin2.geojson"
    ),
];

fn respond(a: &Asset) -> Response {
    let cache = if a.path == "index.html" {
        "no-cache"
    } else {
        "public, max-age=3600"
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(a.mime)),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        a.body,
    )
        .into_response()
}

/// `GET /`
pub(crate) async fn index() -> Response {
    respond(&ASSETS[0])
}

/// `GET /{*path}`: an embedded file, else 404.
pub(crate) async fn file(Path(path): Path<String>) -> Result<Response, AppError> {
    ASSETS
        .iter()
        .find(|a| a.path == path)
        .map(respond)
        .ok_or_else(|| AppError::NotFound(format!("no such file: /{path}")))
}
