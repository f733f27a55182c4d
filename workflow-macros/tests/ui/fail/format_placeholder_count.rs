workflow::workflow! {
    Flow {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Parameters": {"text.$": "States.Format('{} and {}', $.a)"}, "End": true}
        }
    }
}

fn main() {}
