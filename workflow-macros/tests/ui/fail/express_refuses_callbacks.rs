// `type = Express` checks the definition with the rules of an EXPRESS machine, which cannot wait
// for a task token.
workflow::workflow! {
    Flow(type = Express) {
        "StartAt": "Approve",
        "States": {
            "Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}
        }
    }
}

fn main() {}
