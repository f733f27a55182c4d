workflow::workflow! {
    Flow {
        "StartAt": "Route",
        "States": {
            "Route": {"Type": "Choice", "Choices": [], "Default": "Done"},
            "Done": {"Type": "Succeed"}
        }
    }
}

fn main() {}
