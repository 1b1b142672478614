//! `rasd relation A B`: the dossier of two actors.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use rasd_store::{Relation, Store};

/// Output formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Text: timeline, months, evidence, persons.
    Table,
    /// One JSON object.
    Json,
    /// A standalone HTML page.
    Html,
}

/// Arguments of `rasd relation`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  rasd relation houthis aqap --db rasd.db
  rasd relation saudi-led-coalition houthis --from 2015-01-01 --format json

Both directions count, and events where both actors stand on the same side.")]
pub struct Args {
    /// First actor (id or name; actors below it in the hierarchy count too).
    pub a: String,
    /// Second actor.
    pub b: String,
    /// The database.
    #[arg(long, default_value = "rasd.db", value_name = "FILE")]
    pub db: PathBuf,
    /// Only events on or after this day.
    #[arg(long, value_parser = crate::shared::parse_date, value_name = "YYYY-MM-DD")]
    pub from: Option<NaiveDate>,
    /// Only events on or before this day.
    #[arg(long, value_parser = crate::shared::parse_date, value_name = "YYYY-MM-DD")]
    pub to: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "-".into())
}

fn table(r: &Relation) -> String {
    let mut s = format!(
        "{} – {}: {} events, first contact {}, last contact {}\n\nTimeline\n",
        r.a,
        r.b,
        r.events.len(),
        or_dash(r.first_contact),
        or_dash(r.last_contact)
    );
    for e in &r.events {
        s += &format!(
            "{}  {:<9} {:<10} {:<12} goldstein {:+.1}{}{}{}  {}\n",
            or_dash(e.date),
            e.plover_type,
            e.stance.label(),
            format!("{:?}", e.tone).to_lowercase(),
            e.goldstein,
            e.fatalities
                .map(|f| format!(", {f} killed"))
                .unwrap_or_default(),
            e.released
                .map(|n| format!(", {n} released"))
                .unwrap_or_default(),
            if e.hedged { ", hedged" } else { "" },
            e.id
        );
        for ev in &e.evidence {
            s += &format!(
                "    «{}» ({}, {})\n",
                ev.text,
                ev.outlet.as_deref().unwrap_or(&ev.doc_id),
                or_dash(ev.pub_date)
            );
        }
    }
    s += "\nBy month (cooperation / conflict / goldstein sum)\n";
    for m in &r.months {
        s += &format!(
            "{}  {:>3} / {:>3} / {:+.1}\n",
            m.month, m.cooperation, m.conflict, m.goldstein_sum
        );
    }
    s += "\nStrongest evidence\n";
    for ev in &r.strongest_evidence {
        s += &format!(
            "  «{}» — {} ({}){}\n",
            ev.text,
            ev.title,
            ev.outlet.as_deref().unwrap_or(&ev.doc_id),
            if ev.hedged { " [hedged]" } else { "" }
        );
    }
    if !r.persons.is_empty() {
        s += "\nPersons\n";
        for p in &r.persons {
            s += &format!(
                "  {} {} ({}) in {} events\n",
                p.name_ar,
                p.role_ar.as_deref().unwrap_or(""),
                p.affiliation.as_deref().unwrap_or("-"),
                p.events
            );
        }
    }
    s
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html(r: &Relation) -> String {
    let mut s = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{a} – {b}</title></head><body>\n<h1>{a} – {b}</h1>\n<p>{n} events, first contact {f}, last contact {l}</p>\n<table><tr><th>date</th><th>type</th><th>stance</th><th>goldstein</th><th>evidence</th></tr>\n",
        a = escape(&r.a),
        b = escape(&r.b),
        n = r.events.len(),
        f = or_dash(r.first_contact),
        l = or_dash(r.last_contact)
    );
    for e in &r.events {
        let ev: Vec<String> = e
            .evidence
            .iter()
            .map(|x| format!("<q dir=\"rtl\">{}</q>", escape(&x.text)))
            .collect();
        s += &format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:+.1}</td><td>{}</td></tr>\n",
            or_dash(e.date),
            escape(&e.plover_type),
            e.stance.label(),
            e.goldstein,
            ev.join("<br>")
        );
    }
    s += "</table>\n<h2>By month</h2><table><tr><th>month</th><th>cooperation</th><th>conflict</th></tr>\n";
    for m in &r.months {
        s += &format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            m.month, m.cooperation, m.conflict
        );
    }
    s += "</table></body></html>\n";
    s
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        anyhow::bail!(
            "{}: no such database (run `rasd ingest` first)",
            args.db.display()
        );
    }
    let store = Store::open_read_only(&args.db)
        .with_context(|| format!("opening the database {}", args.db.display()))?;
    let relation = store
        .relation(&args.a, &args.b, args.from, args.to)
        .context("reading the events")?;
    let out = match args.format {
        Format::Table => table(&relation),
        Format::Json => serde_json::to_string_pretty(&relation)? + "\n",
        Format::Html => html(&relation),
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
