// The header takes the input type and the machine type together, in either order.
#[allow(dead_code)]
struct Order {
    total: f64,
}

workflow::workflow! {
    Flow(type = Express, input = Order) {
        "StartAt": "Route",
        "States": {
            "Route": {"Type": "Choice", "Choices": [{"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Big"}], "Default": "Small"},
            "Big": {"Type": "Succeed"},
            "Small": {"Type": "Succeed"}
        }
    }
}

#[allow(deprecated)]
mod quiet {
    // A warning (V413: no Default) silenced where it is defined.
    workflow::workflow! {
        pub Quiet {
            "StartAt": "Route",
            "States": {
                "Route": {"Type": "Choice", "Choices": [{"Variable": "$.vip", "BooleanEquals": true, "Next": "Done"}]},
                "Done": {"Type": "Succeed"}
            }
        }
    }
}

fn main() {
    assert_eq!(Flow::ALL.len(), 3);
    assert_eq!(quiet::Quiet::ALL.len(), 2);
}
