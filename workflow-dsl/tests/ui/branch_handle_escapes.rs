use workflow_dsl::builder::{StateRef, Workflow};

fn main() {
    let wf = Workflow::new();
    let mut leaked: Option<StateRef<'static>> = None;
    // A branch's states cannot be targets outside the branch.
    let _ = wf
        .parallel("FanOut")
        .branch(|b| {
            let inner = b.pass("Inner").end();
            leaked = Some(inner);
            inner
        })
        .end();
}
