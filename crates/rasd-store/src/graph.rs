use std::collections::BTreeMap;

use chrono::NaiveDate;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::cluster::Hierarchy;
use crate::types::{ActorRow, StoredEvent};

/// A canonical actor in the [`ActorGraph`].
#[derive(Debug, Clone, PartialEq)]
pub struct ActorNode {
    /// Canonical id.
    pub id: String,
    /// ACLED-style name.
    pub name: String,
    /// Parent actor id, if any.
    pub parent: Option<String>,
    /// ACLED actor category 1–8, 0 when unknown.
    pub category: u8,
    /// Selected events the actor takes part in (any role); 0 for an ancestor that only
    /// appears through its units.
    pub events: u32,
}

/// What an edge of the [`ActorGraph`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// actor1 → actor2 of events of one PLOVER type.
    Interaction,
    /// child → parent in the actor hierarchy.
    MemberOf,
}

/// An edge of the [`ActorGraph`].
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEdge {
    /// Interaction or hierarchy.
    pub kind: EdgeKind,
    /// PLOVER type of the interactions (`None` for [`EdgeKind::MemberOf`]).
    pub plover_type: Option<String>,
    /// Number of events.
    pub count: u32,
    /// First event date.
    pub first_date: Option<NaiveDate>,
    /// Last event date.
    pub last_date: Option<NaiveDate>,
    /// Sum of the events' Goldstein scores: positive is cooperation, negative conflict.
    pub goldstein_sum: f64,
    /// Sum of the events' (merged, conservative) fatalities.
    pub fatalities: u32,
}

/// Who did what to whom: nodes are canonical actors (with their ancestors, so the
/// hierarchy is complete), edges aggregate actor1 → actor2 interactions per PLOVER type
/// plus child → parent hierarchy edges. Nodes are added in id order and edges in
/// (source, target, kind, type) order, so the graph is deterministic.
#[derive(Debug, Clone, Default)]
pub struct ActorGraph {
    /// The graph itself.
    pub graph: DiGraph<ActorNode, ActorEdge>,
}

impl ActorGraph {
    /// Builds the graph of `events`, with names, parents and categories from `actors`.
    /// The events are only read, one at a time: a caller may pass them from wherever
    /// they are kept, without collecting copies.
    pub fn build<'e>(
        events: impl IntoIterator<Item = &'e StoredEvent>,
        actors: &[ActorRow],
    ) -> ActorGraph {
        let rows: BTreeMap<&str, &ActorRow> = actors.iter().map(|a| (a.id.as_str(), a)).collect();
        let h = Hierarchy::new(
            actors
                .iter()
                .filter_map(|a| a.parent.clone().map(|p| (a.id.clone(), p)))
                .collect(),
        );
        let mut nodes: BTreeMap<String, ActorNode> = BTreeMap::new();
        let mut edges: BTreeMap<(String, String, String), ActorEdge> = BTreeMap::new();
        let ensure = |id: &str, name: &str, nodes: &mut BTreeMap<String, ActorNode>| {
            nodes.entry(id.to_string()).or_insert_with(|| {
                let row = rows.get(id);
                ActorNode {
                    id: id.to_string(),
                    name: row
                        .map(|r| r.name.clone())
                        .unwrap_or_else(|| name.to_string()),
                    parent: row.and_then(|r| r.parent.clone()),
                    category: row.map(|r| r.category).unwrap_or(0),
                    events: 0,
                }
            });
        };
        for se in events {
            let e = &se.event;
            let date = se.date();
            let mut involved: Vec<&rasd_model::ActorRef> = [&e.actor1, &e.actor2]
                .into_iter()
                .flatten()
                .chain(e.assoc_actor1.iter())
                .chain(e.assoc_actor2.iter())
                .collect();
            involved.sort_by(|a, b| a.id.cmp(&b.id));
            involved.dedup_by(|a, b| a.id == b.id);
            for a in involved {
                ensure(&a.id, &a.name, &mut nodes);
                nodes.get_mut(&a.id).expect("just added").events += 1;
                for anc in h.ancestors(&a.id) {
                    ensure(anc, anc, &mut nodes);
                }
            }
            if let (Some(a1), Some(a2)) = (&e.actor1, &e.actor2) {
                let edge = edges
                    .entry((a1.id.clone(), a2.id.clone(), e.plover.event_type.clone()))
                    .or_insert_with(|| ActorEdge {
                        kind: EdgeKind::Interaction,
                        plover_type: Some(e.plover.event_type.clone()),
                        count: 0,
                        first_date: None,
                        last_date: None,
                        goldstein_sum: 0.0,
                        fatalities: 0,
                    });
                edge.count += 1;
                edge.goldstein_sum += e.goldstein;
                edge.fatalities += e.fatalities.unwrap_or(0);
                if let Some(d) = date {
                    edge.first_date = Some(edge.first_date.map_or(d, |f| f.min(d)));
                    edge.last_date = Some(edge.last_date.map_or(d, |l| l.max(d)));
                }
            }
        }
        for n in nodes.values() {
            if let Some(p) = &n.parent {
                if nodes.contains_key(p) {
                    edges.insert(
                        (n.id.clone(), p.clone(), String::new()),
                        ActorEdge {
                            kind: EdgeKind::MemberOf,
                            plover_type: None,
                            count: 0,
                            first_date: None,
                            last_date: None,
                            goldstein_sum: 0.0,
                            fatalities: 0,
                        },
                    );
                }
            }
        }
        let mut graph = DiGraph::new();
        let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
        for (id, n) in nodes {
            index.insert(id, graph.add_node(n));
        }
        for ((a, b, _), e) in edges {
            graph.add_edge(index[&a], index[&b], e);
        }
        ActorGraph { graph }
    }

    /// The node of actor `id`.
    pub fn node(&self, id: &str) -> Option<&ActorNode> {
        self.graph.node_weights().find(|n| n.id == id)
    }

    /// Interaction edges as `(actor1, actor2, edge)`, in graph order.
    pub fn interactions(&self) -> impl Iterator<Item = (&ActorNode, &ActorNode, &ActorEdge)> {
        self.graph
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = self.graph.edge_endpoints(e)?;
                Some((&self.graph[a], &self.graph[b], &self.graph[e]))
            })
            .filter(|(_, _, e)| e.kind == EdgeKind::Interaction)
    }
}
