workflow::workflow! {
    Flow {
        "StartAt": "Call",
        "States": {
            "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Retry": [{"ErrorEquals": ["Custom"], "BackoffRate": 0.5}]}
        }
    }
}

fn main() {}
