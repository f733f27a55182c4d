workflow::workflow! {
    Flow {
        "StartAt": "Fan",
        "States": {
            "Fan": {"Type": "Parallel", "Next": "After", "Branches": [
                {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "Next": "After"}}}
            ]},
            "After": {"Type": "Succeed"}
        }
    }
}

fn main() {}
