use workflow_dsl::builder::Condition;
use workflow_dsl::path;

#[allow(dead_code)]
struct Order {
    total: f64,
    priority: String,
}

fn main() {
    // A numeric comparison on a `String` field.
    let _ = Condition::numeric_greater_than(path!(Order.priority), 1000);
}
