use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::new();
    let standard = wf.succeed("Standard").add();
    // `.otherwise` alone would make a Choice with no rule.
    let _ = wf.choice("Route").otherwise(standard);
}
