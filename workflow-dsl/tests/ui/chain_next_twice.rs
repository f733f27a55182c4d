use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    // A finished chain is the handle of its first state: its transition is set.
    let _ = wf.pass("A").then(wf.pass("B")).next(done).next(done);
}
