use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    // Only Succeed and Fail are finished with `.add()`.
    let _ = wf.task("Call", "arn:aws:states:::lambda:invoke").add();
}
