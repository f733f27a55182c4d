workflow::workflow! {
    Flow {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Next": "ThisStateNameIsFarTooLongForAwsStepFunctionsWhichAllowsAtMostEightyCharactersInTotal"},
            "ThisStateNameIsFarTooLongForAwsStepFunctionsWhichAllowsAtMostEightyCharactersInTotal": {"Type": "Succeed"}
        }
    }
}

fn main() {}
