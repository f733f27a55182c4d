workflow::workflow! {
    Flow {
        "QueryLanguage": "JSONata",
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "InputPath": "$.a", "End": true}
        }
    }
}

fn main() {}
