//! Alert rules over stored events, and their delivery.

use std::io::Write;
use std::time::Duration;

use rasd_store::{Store, StoredEvent};
use serde_json::{json, Value};

use crate::config::{AlertRule, Sink};
use crate::WatchError;

/// What makes an event version different enough to alert again: its type, figures and
/// hedging. Other fields (a new evidence span, another outlet) do not.
pub fn material_fingerprint(e: &StoredEvent) -> String {
    let ev = &e.event;
    format!(
        "{}|{:?}|{:?}|{:?}|{:?}|{}",
        ev.plover.event_type, ev.fatalities, ev.injured, ev.detained, ev.released, ev.hedged
    )
}

fn actor_ids(e: &StoredEvent) -> impl Iterator<Item = &rasd_model::ActorRef> {
    let ev = &e.event;
    ev.actor1
        .iter()
        .chain(ev.actor2.iter())
        .chain(ev.assoc_actor1.iter())
        .chain(ev.assoc_actor2.iter())
}

/// True when `e` passes every filter of `rule` (the new-pair test needs the store).
pub fn matches(rule: &AlertRule, e: &StoredEvent, store: &Store) -> Result<bool, WatchError> {
    let ev = &e.event;
    if !rule.event_types.is_empty()
        && !rule.event_types.iter().any(|t| {
            t.eq_ignore_ascii_case(&ev.plover.event_type)
                || t.eq_ignore_ascii_case(&ev.acled.event_type)
                || t.eq_ignore_ascii_case(&ev.acled.sub_event_type)
        })
    {
        return Ok(false);
    }
    if !rule.actors.is_empty()
        && !actor_ids(e).any(|a| {
            rule.actors
                .iter()
                .any(|w| w.eq_ignore_ascii_case(&a.id) || w.eq_ignore_ascii_case(&a.name))
        })
    {
        return Ok(false);
    }
    let loc = ev.location.as_ref();
    if !rule.admin1.is_empty() {
        let names = [
            loc.and_then(|l| l.admin1.as_deref()),
            loc.and_then(|l| l.admin1_pcode.as_deref()),
        ];
        if !rule
            .admin1
            .iter()
            .any(|w| names.iter().flatten().any(|n| n.eq_ignore_ascii_case(w)))
        {
            return Ok(false);
        }
    }
    if let Some(country) = &rule.country {
        // ISO3 as in `location.country` ("YEM", "SAU", "SEA"); a p-code prefix ("YE") as
        // configs written before events had a country say it.
        let iso = loc.map(|l| l.country.as_str()).unwrap_or("");
        let code = loc.and_then(|l| l.admin1_pcode.as_deref()).unwrap_or("");
        let wanted = country.to_ascii_uppercase();
        if !iso.eq_ignore_ascii_case(&wanted) && !code.to_ascii_uppercase().starts_with(&wanted) {
            return Ok(false);
        }
    }
    if let Some(n) = rule.min_fatalities {
        if ev.fatalities.unwrap_or(0) < n {
            return Ok(false);
        }
    }
    if rule.hedged.is_some_and(|h| h != ev.hedged) {
        return Ok(false);
    }
    if rule.min_corroboration.is_some_and(|n| e.corroboration < n) {
        return Ok(false);
    }
    if rule.new_actor_pair {
        let (Some(a), Some(b)) = (&ev.actor1, &ev.actor2) else {
            return Ok(false);
        };
        if store.pair_seen_elsewhere(&a.id, &b.id, &e.id)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The JSON of one alert: the rule, why it fired, and the event with its sources.
pub fn alert_json(rule: &AlertRule, e: &StoredEvent, changed: bool) -> Value {
    let sources: Vec<Value> = e
        .sources
        .iter()
        .map(|s| {
            json!({
                "doc_id": s.doc_id, "outlet": s.outlet, "url": s.url, "title": s.title,
                "pub_date": s.pub_date, "fatalities": s.fatalities, "evidence": s.evidence,
            })
        })
        .collect();
    json!({
        "rule": rule.name,
        "reason": if changed { "changed" } else { "new" },
        "id": e.id,
        "event_id_cnty": e.event_id_cnty,
        "corroboration": e.corroboration,
        "event": e.event,
        "sources": sources,
    })
}

/// Delivers one alert to its sink. A webhook is retried with exponential backoff.
pub async fn deliver(
    rule: &AlertRule,
    payload: &Value,
    client: &reqwest::Client,
) -> Result<(), WatchError> {
    let fail = |message: String| WatchError::Alert {
        rule: rule.name.clone(),
        message,
    };
    match &rule.notify {
        Sink::Stdout => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{payload}").map_err(|e| fail(e.to_string()))?;
            out.flush().map_err(|e| fail(e.to_string()))
        }
        Sink::File { path } => {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| fail(format!("{}: {e}", path.display())))?;
            writeln!(f, "{payload}").map_err(|e| fail(format!("{}: {e}", path.display())))
        }
        Sink::Webhook {
            url,
            attempts,
            retry_ms,
        } => {
            let mut delay = Duration::from_millis(*retry_ms);
            let mut last = String::new();
            for attempt in 1..=(*attempts).max(1) {
                let request = client
                    .post(url)
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(payload.to_string());
                match request.send().await {
                    Ok(r) if r.status().is_success() => return Ok(()),
                    Ok(r) => last = format!("{url}: HTTP {}", r.status()),
                    Err(e) => last = format!("{url}: {e}"),
                }
                if attempt < *attempts {
                    tokio::time::sleep(delay).await;
                    delay = delay.saturating_mul(2);
                }
            }
            Err(fail(format!("gave up after {attempts} attempts: {last}")))
        }
    }
}
