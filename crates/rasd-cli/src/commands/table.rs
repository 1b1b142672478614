//! A readable terminal view of events.

use std::io::Write;

use rasd_model::Event;

fn cut(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out.replace('\n', " ")
}

/// Writes one block per event: coded fields on the first lines, evidence last.
pub fn write(out: &mut dyn Write, events: &[Event]) -> std::io::Result<()> {
    for (i, e) in events.iter().enumerate() {
        let actor =
            |a: &Option<rasd_model::ActorRef>| a.as_ref().map_or("-".to_string(), |a| a.id.clone());
        let assoc = |v: &[rasd_model::ActorRef]| {
            if v.is_empty() {
                String::new()
            } else {
                format!(
                    " (+{})",
                    v.iter()
                        .map(|a| a.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        };
        let date = match (&e.date.start, &e.date.end) {
            (Some(s), Some(x)) if s == x => s.clone(),
            (Some(s), Some(x)) => format!("{s}..{x}"),
            _ => "unknown".into(),
        };
        let place = e.location.as_ref().map_or("unknown".to_string(), |l| {
            format!(
                "{} [{}{}]",
                l.name,
                l.admin1_pcode.clone().unwrap_or_default(),
                l.admin2_pcode
                    .as_ref()
                    .map_or(String::new(), |p| format!(" {p}"))
            )
        });
        let count =
            |label: &str, v: Option<u32>| v.map(|v| format!(" {label} {v}")).unwrap_or_default();
        writeln!(
            out,
            "#{:<3} {} / {} — {}{}",
            i + 1,
            e.plover.event_type,
            e.acled.sub_event_type,
            e.acled.event_type,
            if e.hedged { "  [hedged]" } else { "" }
        )?;
        writeln!(
            out,
            "     {}{} → {}{}",
            actor(&e.actor1),
            assoc(&e.assoc_actor1),
            actor(&e.actor2),
            assoc(&e.assoc_actor2)
        )?;
        writeln!(
            out,
            "     date {date} ({})   place {place}{}{}{}{}",
            e.date.precision.as_str(),
            count("killed", e.fatalities),
            count("injured", e.injured),
            count("detained", e.detained),
            count("released", e.released),
        )?;
        if let Some(a) = &e.attribution {
            writeln!(
                out,
                "     source {} {}",
                a.kind,
                a.text.as_deref().unwrap_or("")
            )?;
        }
        for ev in &e.evidence {
            writeln!(
                out,
                "     « {} » @{}..{}",
                cut(&ev.text, 110),
                ev.start,
                ev.end
            )?;
        }
    }
    Ok(())
}
