workflow::workflow! {
    Flow {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "End": true},
            "Orphan": {"Type": "Pass", "End": true}
        }
    }
}

fn main() {}
