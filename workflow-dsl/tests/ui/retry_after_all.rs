use workflow_dsl::builder::Retry;

fn main() {
    // States.ALL must be the last retrier.
    let _ = Retry::all().or(Retry::on(["Lambda.ServiceException"]));
}
