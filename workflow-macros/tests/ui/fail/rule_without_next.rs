workflow::workflow! {
    Flow {
        "StartAt": "Route",
        "States": {
            "Route": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true}], "Default": "Done"},
            "Done": {"Type": "Succeed"}
        }
    }
}

fn main() {}
