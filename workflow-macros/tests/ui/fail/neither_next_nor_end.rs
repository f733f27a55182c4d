workflow::workflow! {
    Flow {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass"}
        }
    }
}

fn main() {}
