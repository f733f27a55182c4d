use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    // A Succeed state ends its branch: nothing follows it.
    let _ = wf.succeed("Done").then(wf.pass("After"));
}
