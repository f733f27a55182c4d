workflow::workflow! {
    Flow {
        "StartAt": "Route",
        "States": {
            "Route": {"Type": "Choice", "Choices": [{"Variable": "$.retry", "BooleanEquals": true, "Next": "Poll"}], "Default": "Done"},
            "Poll": {"Type": "Wait", "Seconds": 5, "Next": "Check"},
            "Check": {"Type": "Pass", "Next": "Poll"},
            "Done": {"Type": "Succeed"}
        }
    }
}

fn main() {}
