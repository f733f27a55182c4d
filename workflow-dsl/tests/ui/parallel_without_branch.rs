use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    let _ = wf.parallel("FanOut").end();
}
