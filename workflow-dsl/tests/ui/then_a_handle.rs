use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    // `.then(..)` takes a state still being built; a handle goes to `.next(..)`.
    let _ = wf.pass("Start").then(done);
}
