use serde_json::json;
use workflow_dsl::builder::aws;

fn main() {
    // SNS cannot be awaited with `.sync`, and `.sync:2` exists only for Step Functions.
    let _ = aws::sns::publish("arn:aws:sns:us-east-1:123456789012:t", json!({})).sync();
    let _ = aws::batch::submit_job("j", "q", "d").sync2();
    let _ = aws::dynamodb::get_item("t", json!({})).wait_for_task_token();
}
