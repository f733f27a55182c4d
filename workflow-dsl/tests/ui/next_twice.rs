use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    let other = wf.succeed("Other").add();
    // A state has exactly one transition.
    let _ = wf.pass("P").next(done).next(other);
}
