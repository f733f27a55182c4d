use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    let next = wf.pass("P").end();
    // Succeed ends its branch.
    let _ = wf.succeed("Done").next(next);
}
