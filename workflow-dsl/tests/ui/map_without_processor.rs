use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    let _ = wf.map("Each").items_path("$.items").end();
}
