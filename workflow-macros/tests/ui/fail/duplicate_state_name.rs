// Two top-level states with the same name: JSON keeps the last, so the macro must refuse it
// rather than drop the first one silently.
workflow::workflow! {
    Flow {
        "StartAt": "Notify",
        "States": {
            "Notify": {"Type": "Pass", "Next": "Done"},
            "Notify": {"Type": "Pass", "End": true},
            "Done": {"Type": "Succeed"}
        }
    }
}

fn main() {}
