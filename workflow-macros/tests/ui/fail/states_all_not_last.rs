workflow::workflow! {
    Flow {
        "StartAt": "Call",
        "States": {
            "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}, {"ErrorEquals": ["Custom"], "Next": "Done"}]},
            "Done": {"Type": "Succeed"}
        }
    }
}

fn main() {}
