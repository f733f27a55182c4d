use workflow_dsl::builder::{Condition, Workflow};

fn main() {
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    // A Choice goes where its rules point; it has no `Next`.
    let _ = wf
        .choice("Route")
        .when(Condition::is_present("$.x", true), done)
        .next(done);
}
