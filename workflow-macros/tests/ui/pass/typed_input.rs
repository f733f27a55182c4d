#[allow(dead_code)]
struct Order {
    total: f64,
    priority: String,
    customer: Customer,
    gift: Option<bool>,
}

#[allow(dead_code)]
struct Customer {
    name: String,
}

workflow::workflow! {
    /// Routes an order.
    pub Flow(input = Order) {
        "StartAt": "Route",
        "States": {
            "Route": {"Type": "Choice", "Choices": [
                {"Variable": "$.total", "NumericGreaterThan": 1000, "Next": "Big"},
                {"And": [
                    {"Variable": "$.customer.name", "StringEquals": "Ada"},
                    {"Variable": "$.gift", "BooleanEquals": true}
                ], "Next": "Big"},
                {"Variable": "$.priority", "IsPresent": true, "Next": "Big"}
            ], "Default": "Big"},
            "Big": {"Type": "Succeed"}
        }
    }
}

fn main() {
    assert_eq!(Flow::ALL, [Flow::Route, Flow::Big]);
    assert_eq!(Flow::from_state_name("Big"), Some(Flow::Big));
}
