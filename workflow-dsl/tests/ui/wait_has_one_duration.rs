use workflow_dsl::builder::Workflow;

fn main() {
    // A Wait's duration is chosen by its constructor; nothing replaces it afterwards.
    let wf = Workflow::new();
    let _ = wf.wait_seconds("Pause", 60).timestamp_path("$.at").end();
}
