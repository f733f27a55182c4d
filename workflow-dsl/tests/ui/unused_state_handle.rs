// A state whose handle is dropped can never be reached: rustc warns where it is created
// (`deny` makes the warning an error here so that the test sees it).
#![deny(unused_must_use)]

use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    wf.pass("Orphan").next(done);
    let start = wf.pass("Start").next(done);
    let _ = wf.build(start);
}
