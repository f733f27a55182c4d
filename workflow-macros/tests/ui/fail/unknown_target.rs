workflow::workflow! {
    Flow {
        "StartAt": "Charge",
        "States": {
            "Charge": {"Type": "Pass", "Next": "Shipp"},
            "Ship": {"Type": "Succeed"}
        }
    }
}

fn main() {}
