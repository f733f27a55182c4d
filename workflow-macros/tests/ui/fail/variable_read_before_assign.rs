workflow::workflow! {
    Flow {
        "QueryLanguage": "JSONata",
        "StartAt": "Use",
        "States": {
            "Use": {"Type": "Pass", "Output": "{% $total %}", "Next": "Set"},
            "Set": {"Type": "Pass", "Assign": {"total": 1}, "End": true}
        }
    }
}

fn main() {}
