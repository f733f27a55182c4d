use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    let _ = wf
        .map("Each")
        .processor(|p| p.pass("A").end())
        .processor(|p| p.pass("B").end())
        .end();
}
