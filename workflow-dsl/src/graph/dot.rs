//! [`Graph`] as a Graphviz DOT digraph.

use super::{EdgeKind, Graph, Node};

/// The digraph text: clusters as `subgraph cluster_…`, nodes shaped and filled by type,
/// catchers dashed.
pub(super) fn write(graph: &Graph) -> String {
    let mut out = String::from(
        "digraph workflow {\n    rankdir=TB;\n    node [fontname=\"Helvetica\", fontsize=11, style=\"filled\"];\n    edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    write_cluster(graph, 0, 1, &mut out);
    for edge in &graph.edges {
        let mut attributes = Vec::new();
        if let Some(label) = &edge.label {
            attributes.push(format!("label={}", quote(label)));
        }
        match edge.kind {
            EdgeKind::Catch => attributes.push("style=dashed, color=\"#dc2626\"".to_owned()),
            EdgeKind::Into => attributes.push("style=dotted".to_owned()),
            _ => {}
        }
        match attributes.is_empty() {
            true => out.push_str(&format!("    {} -> {};\n", edge.from, edge.to)),
            false => out.push_str(&format!(
                "    {} -> {} [{}];\n",
                edge.from,
                edge.to,
                attributes.join(", ")
            )),
        }
    }
    out.push_str("}\n");
    out
}

fn write_cluster(graph: &Graph, cluster: usize, depth: usize, out: &mut String) {
    let pad = "    ".repeat(depth);
    let (start, end) = Graph::markers(cluster);
    out.push_str(&format!(
        "{pad}{start} [label=\"\", shape=circle, width=0.2, fillcolor=\"#333333\"];\n{pad}{end} [label=\"\", shape=doublecircle, width=0.15, fillcolor=\"#333333\"];\n"
    ));
    for node in graph.nodes.iter().filter(|node| node.cluster == cluster) {
        out.push_str(&format!("{pad}{}\n", shape(node)));
    }
    for child in graph.clusters.iter().filter(|c| c.parent == Some(cluster)) {
        let label = child.label.as_deref().unwrap_or_default();
        out.push_str(&format!(
            "{pad}subgraph cluster_{} {{\n{pad}    label={};\n{pad}    style=\"rounded,dashed\";\n",
            child.index,
            quote(label)
        ));
        write_cluster(graph, child.index, depth + 1, out);
        out.push_str(&format!("{pad}}}\n"));
    }
}

fn shape(node: &Node) -> String {
    let mut label = node.name.clone();
    for extra in [&node.detail, &node.retry].into_iter().flatten() {
        label.push('\n');
        label.push_str(extra);
    }
    let (shape, fill) = match node.kind {
        "Task" => ("box, style=\"rounded,filled\"", "#dbeafe"),
        "Pass" => ("box", "#f3f4f6"),
        "Choice" => ("diamond", "#fef3c7"),
        "Wait" => ("parallelogram", "#ede9fe"),
        "Succeed" => ("box, style=\"rounded,filled,bold\"", "#dcfce7"),
        "Fail" => ("box, style=\"rounded,filled,bold\"", "#fee2e2"),
        _ => ("box3d", "#e0f2fe"),
    };
    format!(
        "{} [label={}, shape={shape}, fillcolor=\"{fill}\"];",
        node.id,
        quote(&label)
    )
}

/// A DOT string: quotes and backslashes escaped, lines as `\n`.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
