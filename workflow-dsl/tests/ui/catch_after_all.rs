use workflow_dsl::builder::{Catch, Workflow};

fn main() {
    let wf = Workflow::new();
    let handler = wf.succeed("Handled").add();
    let _ = Catch::all(handler).or(Catch::on(["CustomError"], handler));
}
