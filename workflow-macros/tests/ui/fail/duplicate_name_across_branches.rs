workflow::workflow! {
    Flow {
        "StartAt": "Fan",
        "States": {
            "Fan": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
                {"StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}}
            ]}
        }
    }
}

fn main() {}
