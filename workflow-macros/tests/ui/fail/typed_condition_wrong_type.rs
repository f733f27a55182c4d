#[allow(dead_code)]
struct Order {
    priority: String,
}

workflow::workflow! {
    Flow(input = Order) {
        "StartAt": "Route",
        "States": {
            "Route": {"Type": "Choice", "Choices": [{"Variable": "$.priority", "NumericGreaterThan": 10, "Next": "Done"}], "Default": "Done"},
            "Done": {"Type": "Succeed"}
        }
    }
}

fn main() {}
