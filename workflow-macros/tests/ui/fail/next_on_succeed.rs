workflow::workflow! {
    Flow {
        "StartAt": "Done",
        "States": {
            "Done": {"Type": "Succeed", "Next": "Other"},
            "Other": {"Type": "Succeed"}
        }
    }
}

fn main() {}
