use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    let _ = wf.fail("Failed").error("Boom").end();
}
