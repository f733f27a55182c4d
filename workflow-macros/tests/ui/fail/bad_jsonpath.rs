workflow::workflow! {
    Flow {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "InputPath": "$.items[", "End": true}
        }
    }
}

fn main() {}
