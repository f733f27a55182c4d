workflow::workflow! {
    Flow {
        "StartAt": A,
        "States": {}
    }
}

fn main() {}
