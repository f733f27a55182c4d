workflow::workflow! {
    Flow {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Parameters": {"id.$": "States.Uuid()"}, "End": true}
        }
    }
}

fn main() {}
