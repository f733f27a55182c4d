workflow::workflow! {
    Flow {
        "StartAt": "process payment",
        "States": {
            "process payment": {"Type": "Pass", "Next": "2nd-step"},
            "2nd-step": {"Type": "Pass", "Next": "ProcessPayment"},
            "ProcessPayment": {"Type": "Succeed"}
        }
    }
}

fn main() {
    // Names that are not identifiers get UpperCamelCase variants, made unique.
    assert_eq!(Flow::ProcessPayment2.state_name(), "process payment");
    assert_eq!(Flow::S2ndStep.state_name(), "2nd-step");
    assert_eq!(Flow::ProcessPayment.state_name(), "ProcessPayment");
}
