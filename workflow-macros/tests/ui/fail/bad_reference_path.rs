workflow::workflow! {
    Flow {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "ResultPath": "$.items[*]", "End": true}
        }
    }
}

fn main() {}
