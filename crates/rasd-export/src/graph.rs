use std::io::Write;

use rasd_store::{ActorGraph, EdgeKind};
use serde_json::{json, Value};

use crate::ExportError;

fn kind_name(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::Interaction => "interaction",
        EdgeKind::MemberOf => "member_of",
    }
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes the graph as GraphML (directed). Node ids are actor ids; node data: `name`,
/// `parent`, `category`, `events`. Edge data: `kind` (`interaction` or `member_of`),
/// `plover_type`, `count`, `first_date`, `last_date`, `goldstein_sum`, `fatalities`.
pub fn write_graphml<W: Write>(graph: &ActorGraph, mut out: W) -> Result<(), ExportError> {
    let g = &graph.graph;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
    );
    let keys = [
        ("name", "node", "string"),
        ("parent", "node", "string"),
        ("category", "node", "int"),
        ("events", "node", "int"),
        ("kind", "edge", "string"),
        ("plover_type", "edge", "string"),
        ("count", "edge", "int"),
        ("first_date", "edge", "string"),
        ("last_date", "edge", "string"),
        ("goldstein_sum", "edge", "double"),
        ("fatalities", "edge", "int"),
    ];
    for (id, target, ty) in keys {
        s += &format!(
            "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{id}\" attr.type=\"{ty}\"/>\n"
        );
    }
    s += "  <graph id=\"actors\" edgedefault=\"directed\">\n";
    let data = |k: &str, v: &str| format!("      <data key=\"{k}\">{}</data>\n", xml_escape(v));
    for n in g.node_weights() {
        s += &format!("    <node id=\"{}\">\n", xml_escape(&n.id));
        s += &data("name", &n.name);
        if let Some(p) = &n.parent {
            s += &data("parent", p);
        }
        s += &data("category", &n.category.to_string());
        s += &data("events", &n.events.to_string());
        s += "    </node>\n";
    }
    for (i, e) in g.edge_indices().enumerate() {
        let (a, b) = g.edge_endpoints(e).expect("edge of this graph");
        let w = &g[e];
        s += &format!(
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">\n",
            xml_escape(&g[a].id),
            xml_escape(&g[b].id)
        );
        s += &data("kind", kind_name(w.kind));
        if let Some(t) = &w.plover_type {
            s += &data("plover_type", t);
        }
        if w.kind == EdgeKind::Interaction {
            s += &data("count", &w.count.to_string());
            if let Some(d) = w.first_date {
                s += &data("first_date", &d.to_string());
            }
            if let Some(d) = w.last_date {
                s += &data("last_date", &d.to_string());
            }
            s += &data("goldstein_sum", &w.goldstein_sum.to_string());
            s += &data("fatalities", &w.fatalities.to_string());
        }
        s += "    </edge>\n";
    }
    s += "  </graph>\n</graphml>\n";
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The graph as JSON: `{"nodes": [...], "edges": [...]}` with the same fields as
/// [`write_graphml`]; edges name their `source` and `target` actor ids.
pub fn graph_json(graph: &ActorGraph) -> Value {
    let g = &graph.graph;
    let nodes: Vec<Value> = g
        .node_weights()
        .map(|n| {
            json!({"id": n.id, "name": n.name, "parent": n.parent,
                   "category": n.category, "events": n.events})
        })
        .collect();
    let edges: Vec<Value> = g
        .edge_indices()
        .map(|e| {
            let (a, b) = g.edge_endpoints(e).expect("edge of this graph");
            let w = &g[e];
            json!({
                "source": g[a].id, "target": g[b].id, "kind": kind_name(w.kind),
                "plover_type": w.plover_type, "count": w.count,
                "first_date": w.first_date.map(|d| d.to_string()),
                "last_date": w.last_date.map(|d| d.to_string()),
                "goldstein_sum": w.goldstein_sum, "fatalities": w.fatalities,
            })
        })
        .collect();
    json!({"nodes": nodes, "edges": edges})
}

/// Writes [`graph_json`].
pub fn write_graph_json<W: Write>(graph: &ActorGraph, mut out: W) -> Result<(), ExportError> {
    serde_json::to_writer_pretty(&mut out, &graph_json(graph))?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}
