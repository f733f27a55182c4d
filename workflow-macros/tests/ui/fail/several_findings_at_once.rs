workflow::workflow! {
    Flow {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Next": "Missing"},
            "B": {"Type": "Pass", "Next": "Gone"},
            "C": {"Type": "Succeed"}
        }
    }
}

fn main() {}
