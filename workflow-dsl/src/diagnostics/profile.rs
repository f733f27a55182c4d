//! [`Profile`]: which rules apply.

use std::fmt;
use std::str::FromStr;

/// How strict to be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Profile {
    /// What the ASL specification requires, plus the structural checks AWS performs.
    Spec,
    /// What AWS Step Functions enforces for a STANDARD state machine (the default).
    #[default]
    Aws,
    /// `Aws` plus the restrictions of EXPRESS state machines.
    AwsExpress,
}

impl Profile {
    /// The name used on the command line: `spec`, `aws`, `aws-express`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Spec => "spec",
            Profile::Aws => "aws",
            Profile::AwsExpress => "aws-express",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(text: &str) -> Result<Profile, String> {
        match text {
            "spec" => Ok(Profile::Spec),
            "aws" => Ok(Profile::Aws),
            "aws-express" => Ok(Profile::AwsExpress),
            other => Err(format!(
                "unknown profile `{other}`; use spec, aws or aws-express"
            )),
        }
    }
}
