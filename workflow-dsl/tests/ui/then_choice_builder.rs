use workflow_dsl::builder::{Condition, Workflow};

fn main() {
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    // A Choice is finished by `.otherwise(..)` and then joined with `.next(..)`.
    let _ = wf
        .pass("Start")
        .then(wf.choice("Route").when(Condition::is_present("$.x", true), done))
        .end();
}
