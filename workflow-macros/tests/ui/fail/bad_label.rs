workflow::workflow! {
    Flow {
        "StartAt": "Each",
        "States": {
            "Each": {"Type": "Map", "Label": "has space", "End": true,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}
        }
    }
}

fn main() {}
