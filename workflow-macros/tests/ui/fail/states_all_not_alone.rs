workflow::workflow! {
    Flow {
        "StartAt": "Call",
        "States": {
            "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Retry": [{"ErrorEquals": ["States.ALL", "Custom"]}]}
        }
    }
}

fn main() {}
