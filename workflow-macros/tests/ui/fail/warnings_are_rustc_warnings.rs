// A validator warning that is not a certain failure compiles, as a rustc warning on its token
// (`deny` turns it into an error here so that the test can see it; `allow(deprecated)`
// silences it).
#![deny(deprecated)]

workflow::workflow! {
    Flow {
        "StartAt": "Route",
        "States": {
            "Route": {"Type": "Choice", "Choices": [{"Variable": "$.vip", "BooleanEquals": true, "Next": "Done"}]},
            "Done": {"Type": "Succeed"}
        }
    }
}

fn main() {}
