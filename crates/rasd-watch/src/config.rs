//! `watch.toml`: feeds, folders and alert rules.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::WatchError;

/// The whole configuration.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WatchConfig {
    /// `User-Agent` sent with every request.
    #[serde(default = "default_user_agent")]
    pub user_agent: String,
    /// Timeout of one request, in seconds.
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
    /// Largest feed or page read, in bytes; a larger one is skipped with an error.
    #[serde(default = "default_max_bytes")]
    pub max_bytes: u64,
    /// Feeds to poll.
    #[serde(default, rename = "feed")]
    pub feeds: Vec<FeedConfig>,
    /// Folders to watch.
    #[serde(default, rename = "folder")]
    pub folders: Vec<FolderConfig>,
    /// Alert rules.
    #[serde(default, rename = "alert")]
    pub alerts: Vec<AlertRule>,
}

fn default_user_agent() -> String {
    format!(
        "rasd-watch/{} (news monitoring; polite polling with conditional GET)",
        env!("CARGO_PKG_VERSION")
    )
}
fn default_timeout() -> u64 {
    30
}
fn default_max_bytes() -> u64 {
    5 * 1024 * 1024
}
fn default_interval() -> u64 {
    600
}

/// One RSS 2.0 or Atom feed.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    /// The feed URL.
    pub url: String,
    /// Seconds between polls (errors back off exponentially from this).
    #[serde(default = "default_interval")]
    pub interval_secs: u64,
    /// Outlet name stored with its articles (default: the URL's host).
    pub source: Option<String>,
}

/// A folder of .txt, .html, .htm, .jsonl or .jsonl.gz files.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FolderConfig {
    /// The folder (watched recursively).
    pub path: PathBuf,
}

/// Where an alert goes.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum Sink {
    /// One JSON line per alert on stdout.
    Stdout,
    /// One JSON line per alert appended to a file.
    File {
        /// The file.
        path: PathBuf,
    },
    /// HTTP POST of the alert JSON, retried with exponential backoff.
    Webhook {
        /// The URL.
        url: String,
        /// Attempts before giving up.
        #[serde(default = "default_attempts")]
        attempts: u32,
        /// Delay before the first retry, in milliseconds (doubles each retry).
        #[serde(default = "default_retry_ms")]
        retry_ms: u64,
    },
}

fn default_attempts() -> u32 {
    5
}
fn default_retry_ms() -> u64 {
    1000
}

/// An alert rule: every given filter must hold.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AlertRule {
    /// Name, sent with every alert and remembered with what was sent.
    pub name: String,
    /// PLOVER types, ACLED event types or sub-event types (any, case-insensitive).
    #[serde(default)]
    pub event_types: Vec<String>,
    /// Actor ids or names (any of them on either side, case-insensitive).
    #[serde(default)]
    pub actors: Vec<String>,
    /// Governorate names or p-codes (any, case-insensitive).
    #[serde(default)]
    pub admin1: Vec<String>,
    /// Country as ISO 3166-1 alpha-3, as in `location.country` (`YEM`; `SEA` for events
    /// at sea); a p-code prefix (`YE`) is also accepted.
    pub country: Option<String>,
    /// At least this many deaths.
    pub min_fatalities: Option<u32>,
    /// Only hedged (`true`) or only unhedged (`false`) reports.
    pub hedged: Option<bool>,
    /// At least this many distinct outlets.
    pub min_corroboration: Option<u32>,
    /// Only events whose actor pair no other stored event has.
    #[serde(default)]
    pub new_actor_pair: bool,
    /// Where alerts go.
    pub notify: Sink,
}

impl WatchConfig {
    /// Parses `text`; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<WatchConfig, WatchError> {
        let config: WatchConfig = toml::from_str(text).map_err(|e| WatchError::Config {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
        for feed in &config.feeds {
            if !(feed.url.starts_with("http://") || feed.url.starts_with("https://")) {
                return Err(WatchError::Config {
                    origin: origin.to_string(),
                    message: format!("feed `{}` is not an http(s) URL", feed.url),
                });
            }
            if feed.interval_secs == 0 {
                return Err(WatchError::Config {
                    origin: origin.to_string(),
                    message: format!("feed `{}`: interval_secs must be at least 1", feed.url),
                });
            }
        }
        let mut names: Vec<&str> = config.alerts.iter().map(|a| a.name.as_str()).collect();
        names.sort_unstable();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(WatchError::Config {
                origin: origin.to_string(),
                message: format!("two alert rules are named `{}`", w[0]),
            });
        }
        Ok(config)
    }

    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<WatchConfig, WatchError> {
        let text = std::fs::read_to_string(path).map_err(|e| WatchError::Config {
            origin: path.display().to_string(),
            message: e.to_string(),
        })?;
        WatchConfig::parse(&text, &path.display().to_string())
    }
}
