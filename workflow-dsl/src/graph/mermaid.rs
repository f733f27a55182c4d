//! [`Graph`] as a Mermaid flowchart.

use super::{EdgeKind, Graph, Node};

/// The flowchart text: nodes by type (`classDef` colours), clusters as subgraphs, catchers
/// dotted.
pub(super) fn write(graph: &Graph) -> String {
    let mut out = String::from("flowchart TD\n");
    write_cluster(graph, 0, 1, &mut out);
    for edge in &graph.edges {
        let arrow = match edge.kind {
            EdgeKind::Catch | EdgeKind::Into => "-.->",
            _ => "-->",
        };
        match &edge.label {
            Some(label) => out.push_str(&format!(
                "    {} {arrow}|{}| {}\n",
                edge.from,
                escape(label),
                edge.to
            )),
            None => out.push_str(&format!("    {} {arrow} {}\n", edge.from, edge.to)),
        }
    }
    out.push_str(CLASSES);
    for node in &graph.nodes {
        out.push_str(&format!(
            "    class {} {}\n",
            node.id,
            node.kind.to_lowercase()
        ));
    }
    out
}

const CLASSES: &str = "    classDef marker fill:#333,stroke:#333,color:#fff
    classDef task fill:#dbeafe,stroke:#2563eb
    classDef pass fill:#f3f4f6,stroke:#6b7280
    classDef choice fill:#fef3c7,stroke:#d97706
    classDef wait fill:#ede9fe,stroke:#7c3aed
    classDef succeed fill:#dcfce7,stroke:#16a34a
    classDef fail fill:#fee2e2,stroke:#dc2626
    classDef parallel fill:#e0f2fe,stroke:#0284c7
    classDef map fill:#e0f2fe,stroke:#0284c7
";

fn write_cluster(graph: &Graph, cluster: usize, depth: usize, out: &mut String) {
    let pad = "    ".repeat(depth);
    let (start, end) = Graph::markers(cluster);
    out.push_str(&format!(
        "{pad}{start}((\" \")):::marker\n{pad}{end}(((\" \"))):::marker\n"
    ));
    for node in graph.nodes.iter().filter(|node| node.cluster == cluster) {
        out.push_str(&format!("{pad}{}\n", shape(node)));
    }
    for child in graph.clusters.iter().filter(|c| c.parent == Some(cluster)) {
        let label = child.label.as_deref().unwrap_or_default();
        out.push_str(&format!(
            "{pad}subgraph c{} [\"{}\"]\n",
            child.index,
            escape(label)
        ));
        write_cluster(graph, child.index, depth + 1, out);
        out.push_str(&format!("{pad}end\n"));
    }
}

/// A node in the shape of its type: Choice a diamond, Succeed and Fail rounded ends, Wait a
/// parallelogram, Parallel and Map subroutines, Task and Pass boxes.
fn shape(node: &Node) -> String {
    let mut text = escape(&node.name);
    for extra in [&node.detail, &node.retry].into_iter().flatten() {
        text.push_str("<br/><small>");
        text.push_str(&escape(extra));
        text.push_str("</small>");
    }
    let (open, close) = match node.kind {
        "Choice" => ("{", "}"),
        "Succeed" | "Fail" => ("([", "])"),
        "Wait" => ("[/", "/]"),
        "Parallel" | "Map" => ("[[", "]]"),
        _ => ("[", "]"),
    };
    format!("{}{open}\"{text}\"{close}", node.id)
}

/// Text inside a quoted Mermaid label: quotes and the characters Mermaid reads as markup as
/// entities.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '|' => out.push_str("#124;"),
            '#' => out.push_str("#35;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
