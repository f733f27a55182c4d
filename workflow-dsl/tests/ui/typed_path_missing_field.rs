use workflow_dsl::builder::Condition;
use workflow_dsl::path;

#[allow(dead_code)]
struct Order {
    total: f64,
}

fn main() {
    let _ = Condition::numeric_greater_than(path!(Order.totl), 1000);
}
