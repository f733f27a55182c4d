use workflow_dsl::builder::Workflow;

fn main() {
    // A handle of one `define` closure cannot be used in another workflow.
    let _ = Workflow::define(|first| {
        let done = first.succeed("Done").add();
        let _ = Workflow::define(|second| second.pass("Start").next(done));
        first.pass("Start").next(done)
    });
}
