#[allow(dead_code)]
struct Order {
    total: f64,
}

workflow::workflow! {
    Flow(input = Order) {
        "StartAt": "Route",
        "States": {
            "Route": {"Type": "Choice", "Choices": [{"Variable": "$.totl", "NumericGreaterThan": 10, "Next": "Done"}], "Default": "Done"},
            "Done": {"Type": "Succeed"}
        }
    }
}

fn main() {}
