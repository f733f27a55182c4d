use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    let after = wf.succeed("After").add();
    // A state inside a branch cannot go to a state outside it.
    let _ = wf
        .parallel("FanOut")
        .branch(|b| b.pass("Inner").next(after))
        .end();
}
