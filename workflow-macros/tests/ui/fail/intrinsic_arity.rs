workflow::workflow! {
    Flow {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.a)"}, "End": true}
        }
    }
}

fn main() {}
