//! Classification of a Task `Resource` string (rules V705–V708, V951–V953;
//! <https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html>) and the table of Step
//! Functions optimized integrations.
//!
//! The ASL specification only asks for a URI ([`is_uri`]); AWS accepts a few
//! ARN shapes ([`classify`]) and, for `arn:<partition>:states:::<service>:<action>`,
//! only the pairs it actually offers ([`integration_supported`]).

/// What a Task `Resource` string names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// A Lambda function ARN, run in the legacy "resource ARN" style:
    /// `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`.
    LambdaFunction {
        /// `aws`, `aws-cn`, `aws-us-gov`, …
        partition: &'a str,
        /// For example `us-east-1`.
        region: &'a str,
        /// Twelve digits.
        account: &'a str,
        /// Letters, digits, `-` and `_`.
        name: &'a str,
        /// A version number, `$LATEST`, or an alias.
        qualifier: Option<&'a str>,
    },
    /// An activity ARN: `arn:<partition>:states:<region>:<account>:activity:<name>`.
    Activity {
        /// `aws`, `aws-cn`, `aws-us-gov`, …
        partition: &'a str,
        /// For example `us-east-1`.
        region: &'a str,
        /// Twelve digits.
        account: &'a str,
        /// The activity name.
        name: &'a str,
    },
    /// An optimized integration:
    /// `arn:<partition>:states:::<service>:<action>[.sync|.sync:2|.waitForTaskToken]`.
    /// Whether Step Functions offers the pair is [`integration_supported`]'s
    /// question (V707).
    Integration {
        /// `aws`, `aws-cn`, `aws-us-gov`, …
        partition: &'a str,
        /// For example `dynamodb`, `emr-containers`.
        service: &'a str,
        /// For example `putItem`.
        action: &'a str,
        /// The integration pattern; `None` is request-response.
        suffix: Option<Suffix<'a>>,
    },
    /// An AWS SDK integration:
    /// `arn:<partition>:states:::aws-sdk:<service>:<apiAction>[.waitForTaskToken]`.
    AwsSdk {
        /// `aws`, `aws-cn`, `aws-us-gov`, …
        partition: &'a str,
        /// The SDK service id, for example `s3`, `sfn`.
        service: &'a str,
        /// The API action, for example `listBuckets`.
        action: &'a str,
        /// Only `.waitForTaskToken` is valid here; anything else is reported
        /// by the caller.
        suffix: Option<Suffix<'a>>,
    },
    /// The HTTP task: `arn:<partition>:states:::http:invoke`.
    Http,
    /// A documentation ARN with a `...` segment, such as
    /// `arn:aws:lambda:...:function:X` (rule V706: warn, AWS refuses it).
    Elided,
    /// Syntactically an ARN (`arn:partition:service:region:account:resource`)
    /// but not one Step Functions runs.
    OtherArn,
    /// Not an ARN at all.
    NotArn,
}

/// The integration-pattern suffix after an integration's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suffix<'a> {
    /// `.sync`: run a job and wait for it.
    Sync,
    /// `.sync:2`: like `.sync`, with the result parsed as JSON.
    Sync2,
    /// `.waitForTaskToken`: call back with the task token.
    WaitForTaskToken,
    /// Anything else after the action, as written, leading `.` included
    /// (for example `.waitForToken`); rule V708.
    Unknown(&'a str),
}

/// The integration patterns one optimized integration offers besides
/// request-response, which every entry of the table supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupportedSuffixes {
    /// `.sync` is offered.
    pub sync: bool,
    /// `.sync:2` is offered.
    pub sync2: bool,
    /// `.waitForTaskToken` is offered.
    pub wait_for_task_token: bool,
    /// The pair is documented only as a Distributed Map `ItemReader` /
    /// `ResultWriter` resource (`s3:getObject`, `s3:listObjectsV2`,
    /// `s3:putObject`), not as a Task resource.
    pub map_io_only: bool,
}

impl SupportedSuffixes {
    /// Whether this integration accepts `suffix` (`None` = request-response).
    #[must_use]
    pub fn allows(&self, suffix: Option<Suffix<'_>>) -> bool {
        match suffix {
            None => true,
            Some(Suffix::Sync) => self.sync,
            Some(Suffix::Sync2) => self.sync2,
            Some(Suffix::WaitForTaskToken) => self.wait_for_task_token,
            Some(Suffix::Unknown(_)) => false,
        }
    }
}

const RR: SupportedSuffixes = SupportedSuffixes {
    sync: false,
    sync2: false,
    wait_for_task_token: false,
    map_io_only: false,
};
const SYNC: SupportedSuffixes = SupportedSuffixes { sync: true, ..RR };
const WAIT: SupportedSuffixes = SupportedSuffixes {
    wait_for_task_token: true,
    ..RR
};
const SYNC_WAIT: SupportedSuffixes = SupportedSuffixes {
    sync: true,
    wait_for_task_token: true,
    ..RR
};
const ALL: SupportedSuffixes = SupportedSuffixes {
    sync: true,
    sync2: true,
    wait_for_task_token: true,
    map_io_only: false,
};
const MAP_IO: SupportedSuffixes = SupportedSuffixes {
    map_io_only: true,
    ..RR
};

/// Optimized integrations Step Functions offers: `(service, action, patterns)`.
///
/// Source: the AWS Step Functions Developer Guide, "Integrating optimized
/// services with Step Functions" (`integrate-optimized.html`, the per-service
/// pattern table) and each service page's list of supported APIs
/// (`connect-lambda`, `connect-sns`, `connect-sqs`, `connect-ddb`, `connect-ecs`,
/// `connect-batch`, `connect-glue`, `connect-stepfunctions`,
/// `connect-eventbridge`, `connect-athena`, `connect-sagemaker`, `connect-emr`,
/// `connect-emr-eks`, `connect-emr-serverless`, `connect-eks`,
/// `connect-codebuild`, `connect-api-gateway`, `connect-bedrock`,
/// `connect-mediaconvert`, `connect-databrew`; read 2026 through the search
/// index and in the archived `awsdocs/aws-step-functions-developer-guide`
/// repository). Where the summary table and a service page disagree, the
/// service page wins (EKS: the page says no `.waitForTaskToken`); Bedrock's
/// page is silent on callbacks, so the summary table's `.waitForTaskToken`
/// is granted to both of its APIs. The `s3` rows are the Distributed Map
/// `ItemReader`/`ResultWriter` resources
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html>,
/// <https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html>).
///
/// Recorded AWS behaviour: `dynamodb:query` is **not** offered ("The resource provided
/// `arn:aws:states:::dynamodb:query` is not recognized…", recorded in
/// `tests/data/aws-recorded/definition_validation/`
/// `dynamodb_task_service__test_invalid_integration.json`).
const OPTIMIZED: &[(&str, &str, SupportedSuffixes)] = &[
    // Amazon API Gateway
    ("apigateway", "invoke", WAIT),
    // Amazon Athena
    ("athena", "startQueryExecution", SYNC),
    ("athena", "stopQueryExecution", RR),
    ("athena", "getQueryExecution", RR),
    ("athena", "getQueryResults", RR),
    // AWS Batch
    ("batch", "submitJob", SYNC),
    // Amazon Bedrock
    ("bedrock", "invokeModel", WAIT),
    ("bedrock", "createModelCustomizationJob", SYNC_WAIT),
    // AWS CodeBuild
    ("codebuild", "startBuild", SYNC),
    ("codebuild", "stopBuild", RR),
    ("codebuild", "batchDeleteBuilds", RR),
    ("codebuild", "batchGetReports", RR),
    ("codebuild", "startBuildBatch", SYNC),
    ("codebuild", "stopBuildBatch", RR),
    ("codebuild", "retryBuildBatch", SYNC),
    ("codebuild", "deleteBuildBatch", RR),
    // AWS Glue DataBrew
    ("databrew", "startJobRun", SYNC),
    // Amazon DynamoDB
    ("dynamodb", "getItem", RR),
    ("dynamodb", "putItem", RR),
    ("dynamodb", "updateItem", RR),
    ("dynamodb", "deleteItem", RR),
    // Amazon ECS / Fargate
    ("ecs", "runTask", SYNC_WAIT),
    // Amazon EKS
    ("eks", "runJob", SYNC),
    ("eks", "call", RR),
    ("eks", "createCluster", SYNC),
    ("eks", "deleteCluster", SYNC),
    ("eks", "createFargateProfile", SYNC),
    ("eks", "deleteFargateProfile", SYNC),
    ("eks", "createNodegroup", SYNC),
    ("eks", "deleteNodegroup", SYNC),
    // Amazon EMR
    ("elasticmapreduce", "createCluster", SYNC),
    ("elasticmapreduce", "setClusterTerminationProtection", RR),
    ("elasticmapreduce", "terminateCluster", SYNC),
    ("elasticmapreduce", "addStep", SYNC),
    ("elasticmapreduce", "cancelStep", RR),
    ("elasticmapreduce", "modifyInstanceFleetByName", RR),
    ("elasticmapreduce", "modifyInstanceGroupByName", RR),
    // Amazon EMR on EKS
    ("emr-containers", "createVirtualCluster", RR),
    ("emr-containers", "deleteVirtualCluster", SYNC),
    ("emr-containers", "startJobRun", SYNC),
    // Amazon EMR Serverless
    ("emr-serverless", "createApplication", SYNC),
    ("emr-serverless", "startApplication", SYNC),
    ("emr-serverless", "stopApplication", SYNC),
    ("emr-serverless", "deleteApplication", SYNC),
    ("emr-serverless", "startJobRun", SYNC),
    ("emr-serverless", "cancelJobRun", SYNC),
    // Amazon EventBridge
    ("events", "putEvents", WAIT),
    // AWS Glue
    ("glue", "startJobRun", SYNC),
    // HTTP task (`arn:<p>:states:::http:invoke`; classified as `Resource::Http`)
    ("http", "invoke", RR),
    // AWS Lambda
    ("lambda", "invoke", WAIT),
    // AWS Elemental MediaConvert
    ("mediaconvert", "createJob", SYNC),
    // Amazon S3, Distributed Map only
    ("s3", "getObject", MAP_IO),
    ("s3", "listObjectsV2", MAP_IO),
    ("s3", "putObject", MAP_IO),
    // Amazon SageMaker AI
    ("sagemaker", "createEndpoint", RR),
    ("sagemaker", "createEndpointConfig", RR),
    ("sagemaker", "createHyperParameterTuningJob", SYNC),
    ("sagemaker", "createLabelingJob", SYNC),
    ("sagemaker", "createModel", RR),
    ("sagemaker", "createProcessingJob", SYNC),
    ("sagemaker", "createTrainingJob", SYNC),
    ("sagemaker", "createTransformJob", SYNC),
    ("sagemaker", "updateEndpoint", RR),
    // Amazon SNS
    ("sns", "publish", WAIT),
    // Amazon SQS
    ("sqs", "sendMessage", WAIT),
    // AWS Step Functions (`.sync:2` exists only here)
    ("states", "startExecution", ALL),
];

/// Whether Step Functions offers the optimized integration `service:action`
/// (rule V707), and which suffixes it supports. Matching is exact and
/// case-sensitive, as the documented ARNs are written.
#[must_use]
pub fn integration_supported(service: &str, action: &str) -> Option<SupportedSuffixes> {
    OPTIMIZED
        .iter()
        .find(|(s, a, _)| *s == service && *a == action)
        .map(|(_, _, suffixes)| *suffixes)
}

/// Classifies a Task `Resource` string. Never fails: anything unrecognised is
/// [`Resource::OtherArn`] or [`Resource::NotArn`].
#[must_use]
pub fn classify(resource: &str) -> Resource<'_> {
    let Some(rest) = resource.strip_prefix("arn:") else {
        return Resource::NotArn;
    };
    // Elided documentation ARNs are recognised before any syntax check, since
    // `...` usually stands where the region/account would be validated.
    if resource.split(':').any(|segment| segment.contains("...")) {
        return Resource::Elided;
    }
    let mut parts = rest.splitn(5, ':');
    let (Some(partition), Some(service), Some(region), Some(account), Some(tail)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Resource::NotArn;
    };
    if partition.is_empty() || service.is_empty() || tail.is_empty() {
        return Resource::NotArn;
    }
    if !is_partition(partition) {
        return Resource::OtherArn;
    }
    match service {
        "lambda" => lambda_function(partition, region, account, tail),
        "states" if region.is_empty() && account.is_empty() => integration(partition, tail),
        "states" if tail.starts_with("activity:") => activity(partition, region, account, tail),
        // AWS fills an integration's empty region and account itself and accepts them filled
        // (`arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject`).
        "states"
            if (region.is_empty() || is_region(region))
                && (account.is_empty() || is_account(account)) =>
        {
            integration(partition, tail)
        }
        "states" => Resource::OtherArn,
        _ => Resource::OtherArn,
    }
}

/// `function:<name>[:<qualifier>]` in a Lambda ARN.
fn lambda_function<'a>(
    partition: &'a str,
    region: &'a str,
    account: &'a str,
    tail: &'a str,
) -> Resource<'a> {
    let Some(function) = tail.strip_prefix("function:") else {
        return Resource::OtherArn;
    };
    let (name, qualifier) = match function.split_once(':') {
        Some((name, qualifier)) => (name, Some(qualifier)),
        None => (function, None),
    };
    let name_ok = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
    if is_region(region) && is_account(account) && name_ok && qualifier.is_none_or(is_qualifier) {
        Resource::LambdaFunction {
            partition,
            region,
            account,
            name,
            qualifier,
        }
    } else {
        Resource::OtherArn
    }
}

/// `activity:<name>` in a `states` ARN with region and account.
fn activity<'a>(
    partition: &'a str,
    region: &'a str,
    account: &'a str,
    tail: &'a str,
) -> Resource<'a> {
    let Some(name) = tail.strip_prefix("activity:") else {
        return Resource::OtherArn;
    };
    // Activity names share the Step Functions name rules: 1..80 characters,
    // none of them whitespace, control or `:` (which would start a new segment).
    let name_ok = (1..=80).contains(&name.chars().count())
        && !name
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ':');
    if is_region(region) && is_account(account) && name_ok {
        Resource::Activity {
            partition,
            region,
            account,
            name,
        }
    } else {
        Resource::OtherArn
    }
}

/// The resource part of `arn:<p>:states:::…`: `<service>:<action>[suffix]`,
/// `aws-sdk:<service>:<action>[suffix]` or `http:invoke`.
fn integration<'a>(partition: &'a str, tail: &'a str) -> Resource<'a> {
    let (sdk, tail) = match tail.strip_prefix("aws-sdk:") {
        Some(rest) => (true, rest),
        None => (false, tail),
    };
    let Some((service, rest)) = tail.split_once(':') else {
        return Resource::OtherArn;
    };
    // The suffix starts at the first `.`; `.sync:2` carries its own `:`.
    let (action, suffix) = match rest.find('.') {
        Some(dot) => (&rest[..dot], Some(parse_suffix(&rest[dot..]))),
        None => (rest, None),
    };
    let service_ok = !service.is_empty()
        && service
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
    let action_ok = !action.is_empty() && action.bytes().all(|c| c.is_ascii_alphanumeric());
    if !service_ok || !action_ok {
        return Resource::OtherArn;
    }
    if sdk {
        Resource::AwsSdk {
            partition,
            service,
            action,
            suffix,
        }
    } else if service == "http" && action == "invoke" && suffix.is_none() {
        Resource::Http
    } else {
        Resource::Integration {
            partition,
            service,
            action,
            suffix,
        }
    }
}

/// `text` starts with `.`.
fn parse_suffix(text: &str) -> Suffix<'_> {
    match text {
        ".sync" => Suffix::Sync,
        ".sync:2" => Suffix::Sync2,
        ".waitForTaskToken" => Suffix::WaitForTaskToken,
        other => Suffix::Unknown(other),
    }
}

/// `aws`, `aws-cn`, `aws-us-gov`, and any other `aws[-a-z]*`.
fn is_partition(p: &str) -> bool {
    p.strip_prefix("aws")
        .is_some_and(|rest| rest.bytes().all(|c| c == b'-' || c.is_ascii_lowercase()))
}

/// A region such as `us-east-1`, `us-gov-west-1`, `cn-north-1`,
/// `us-isob-east-1`: two letters, one or more lowercase words, a number.
fn is_region(r: &str) -> bool {
    let words: Vec<&str> = r.split('-').collect();
    let [first, middle @ .., last] = words.as_slice() else {
        return false;
    };
    first.len() == 2
        && first.bytes().all(|c| c.is_ascii_lowercase())
        && !middle.is_empty()
        && middle
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|c| c.is_ascii_lowercase()))
        && !last.is_empty()
        && last.bytes().all(|c| c.is_ascii_digit())
}

fn is_account(a: &str) -> bool {
    a.len() == 12 && a.bytes().all(|c| c.is_ascii_digit())
}

/// A Lambda qualifier: a version number, `$LATEST`, or an alias (letters,
/// digits, `-`, `_`, up to 128 characters, not all digits; an all-digit
/// qualifier is a version).
fn is_qualifier(q: &str) -> bool {
    q == "$LATEST"
        || ((1..=128).contains(&q.len())
            && q.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'))
}

/// Whether `s` is a URI in the sense the ASL specification requires of
/// `Resource` (rule V705, `spec` profile): an RFC 3986 scheme
/// (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), a `:`, then only characters
/// RFC 3986 allows in a URI (unreserved, reserved, or `%` plus two hex digits).
/// Non-ASCII text is not a URI (it would be an IRI).
#[must_use]
pub fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut scheme_bytes = scheme.bytes();
    let scheme_ok = scheme_bytes.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_bytes.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return false;
    }
    let b = rest.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        let allowed = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b':'
                    | b'/'
                    | b'?'
                    | b'#'
                    | b'['
                    | b']'
                    | b'@'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
            );
        if !allowed {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every distinct `Resource` (Task and `ItemReader`) in the definitions
    /// AWS accepted in `tests/data/aws-recorded/*/*.json`, harvested with
    /// python3, plus the resources of the `tests/data/validation/ok_*` fixtures.
    const CORPUS_ACCEPTED: &[&str] = &[
        "arn:aws:lambda:us-east-1:111111111111:function:fn-data-flow-lsxu0001351",
        "arn:aws:lambda:us-east-1:111111111111:function:fn-data-flow-lsxu0001357",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0000804",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001624",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001627",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001796",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001799",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001802",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001805",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001808",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001811",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001814",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001817",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001820",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0001823",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_1_func_lsxu0002317",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_2_func_lsxu0001824",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000019",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000022",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000025",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000028",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000841",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000869",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000872",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000877",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000880",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000883",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000886",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0000889",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0001306",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0001363",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0001366",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0001621",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0001633",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0001636",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_func_lsxu0001827",
        "arn:aws:lambda:us-east-1:111111111111:function:lambda_lsxu0001212",
        "arn:aws:states:::aws-sdk:dynamodb:deleteItem",
        "arn:aws:states:::aws-sdk:dynamodb:getItem",
        "arn:aws:states:::aws-sdk:dynamodb:putItem",
        "arn:aws:states:::aws-sdk:dynamodb:query",
        "arn:aws:states:::aws-sdk:dynamodb:updateItem",
        "arn:aws:states:::aws-sdk:s3:getObject",
        "arn:aws:states:::aws-sdk:s3:listBuckets",
        "arn:aws:states:::aws-sdk:s3:listObjects",
        "arn:aws:states:::aws-sdk:s3:putObject",
        "arn:aws:states:::aws-sdk:secretsmanager:createSecret",
        "arn:aws:states:::aws-sdk:secretsmanager:listSecrets",
        "arn:aws:states:::aws-sdk:sfn:sendTaskFailure",
        "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
        "arn:aws:states:::aws-sdk:sfn:startExecution",
        "arn:aws:states:::dynamodb:deleteItem",
        "arn:aws:states:::dynamodb:getItem",
        "arn:aws:states:::dynamodb:putItem",
        "arn:aws:states:::dynamodb:updateItem",
        "arn:aws:states:::events:putEvents",
        "arn:aws:states:::lambda:invoke",
        "arn:aws:states:::s3:getObject",
        "arn:aws:states:::sns:publish",
        "arn:aws:states:::sqs:sendMessage",
        "arn:aws:states:::states:startExecution",
        "arn:aws:states:::states:startExecution.sync",
        "arn:aws:states:::states:startExecution.sync:2",
        // Rejected only because the machine was EXPRESS (V952/V953), so the
        // resource itself is a supported one.
        "arn:aws:states:::sns:publish.waitForTaskToken",
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        // validation fixtures ok_task_integrations_standard, ok_distributed_map_full
        "arn:aws:lambda:us-east-1:123456789012:function:fn:prod",
        "arn:aws:states:::s3:putObject",
    ];

    /// Whether a resource is one Step Functions runs (the V705–V708 view).
    fn runnable(r: Resource<'_>) -> bool {
        match r {
            Resource::LambdaFunction { .. } | Resource::Activity { .. } | Resource::Http => true,
            Resource::Integration {
                service,
                action,
                suffix,
                ..
            } => integration_supported(service, action).is_some_and(|s| s.allows(suffix)),
            Resource::AwsSdk { suffix, .. } => {
                matches!(suffix, None | Some(Suffix::WaitForTaskToken))
            }
            Resource::Elided | Resource::OtherArn | Resource::NotArn => false,
        }
    }

    #[test]
    fn corpus_accepted_resources_are_runnable() {
        for r in CORPUS_ACCEPTED {
            assert!(runnable(classify(r)), "{r} -> {:?}", classify(r));
            assert!(is_uri(r), "{r}");
        }
    }

    #[test]
    fn recorded_rejection_dynamodb_query() {
        let r = classify("arn:aws:states:::dynamodb:query");
        assert_eq!(
            r,
            Resource::Integration {
                partition: "aws",
                service: "dynamodb",
                action: "query",
                suffix: None
            }
        );
        assert_eq!(integration_supported("dynamodb", "query"), None);
    }

    #[test]
    fn validation_fixtures() {
        assert_eq!(classify("ProcessPayment"), Resource::NotArn);
        assert!(!is_uri("ProcessPayment"));
        assert_eq!(
            classify("arn:aws:lambda:...:function:ProcessItem"),
            Resource::Elided
        );
        assert_eq!(
            classify("arn:aws:states:::sqs:sendMessage.waitForToken"),
            Resource::Integration {
                partition: "aws",
                service: "sqs",
                action: "sendMessage",
                suffix: Some(Suffix::Unknown(".waitForToken"))
            }
        );
        assert_eq!(
            classify("arn:aws:states:us-east-1:123456789012:activity:Worker"),
            Resource::Activity {
                partition: "aws",
                region: "us-east-1",
                account: "123456789012",
                name: "Worker"
            }
        );
        assert_eq!(integration_supported("s3", "getObjects"), None);
        // LocalStack's placeholder for an activity ARN in
        // tests/data/aws-recorded/definition_validation/
        // sfn_api_express__test_illegal_activity_task.json.
        assert_eq!(
            classify("lsxany_create_activity_result_activityArn"),
            Resource::NotArn
        );
    }

    #[test]
    fn lambda_shapes() {
        assert_eq!(
            classify("arn:aws-cn:lambda:cn-north-1:123456789012:function:my-fn:$LATEST"),
            Resource::LambdaFunction {
                partition: "aws-cn",
                region: "cn-north-1",
                account: "123456789012",
                name: "my-fn",
                qualifier: Some("$LATEST")
            }
        );
        for q in ["7", "live", "blue_green-2"] {
            let arn = format!("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f:{q}");
            assert!(
                matches!(classify(&arn), Resource::LambdaFunction { qualifier: Some(x), .. } if x == q)
            );
        }
        for bad in [
            "arn:aws:lambda:us-east-1:12345:function:f",
            "arn:aws:lambda:useast1:123456789012:function:f",
            "arn:aws:lambda:us-east-1:123456789012:function:",
            "arn:aws:lambda:us-east-1:123456789012:function:f.g",
            "arn:aws:lambda:us-east-1:123456789012:function:f:",
            "arn:aws:lambda:us-east-1:123456789012:function:f:a:b",
            "arn:aws:lambda:us-east-1:123456789012:layer:f",
        ] {
            assert_eq!(classify(bad), Resource::OtherArn, "{bad}");
        }
    }

    #[test]
    fn integration_shapes() {
        assert_eq!(classify("arn:aws:states:::http:invoke"), Resource::Http);
        assert_eq!(
            classify("arn:aws-us-gov:states:::ecs:runTask.sync"),
            Resource::Integration {
                partition: "aws-us-gov",
                service: "ecs",
                action: "runTask",
                suffix: Some(Suffix::Sync)
            }
        );
        assert_eq!(
            classify("arn:aws:states:::aws-sdk:s3:listBuckets.waitForTaskToken"),
            Resource::AwsSdk {
                partition: "aws",
                service: "s3",
                action: "listBuckets",
                suffix: Some(Suffix::WaitForTaskToken)
            }
        );
        assert_eq!(
            classify("arn:aws:states:::emr-containers:startJobRun.sync"),
            Resource::Integration {
                partition: "aws",
                service: "emr-containers",
                action: "startJobRun",
                suffix: Some(Suffix::Sync)
            }
        );
        // AWS's published samples fill the region and account, which AWS accepts.
        assert_eq!(
            classify("arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject"),
            Resource::AwsSdk {
                partition: "aws",
                service: "s3",
                action: "getObject",
                suffix: None
            }
        );
        assert_eq!(
            classify("arn:aws:states:us-east-1:123456789012:athena:startQueryExecution.sync"),
            Resource::Integration {
                partition: "aws",
                service: "athena",
                action: "startQueryExecution",
                suffix: Some(Suffix::Sync)
            }
        );
        assert_eq!(
            classify("arn:aws:states:eu-west-1::lambda:invoke"),
            classify("arn:aws:states:::lambda:invoke")
        );
        for other in [
            "arn:aws:states:us-east-1:12345:lambda:invoke",
            "arn:aws:states:::aws-sdk:s3",
            "arn:aws:states:::lambda",
            "arn:aws:states:::lambda:",
            "arn:aws:states:::Lambda:invoke",
            "arn:aws:states:us-east-1:123456789012:stateMachine:x",
            "arn:aws:states:us-east-1::activity:x",
            "arn:aws:sqs:us-east-1:123456789012:queue",
            "arn:foo:states:::lambda:invoke",
        ] {
            assert_eq!(classify(other), Resource::OtherArn, "{other}");
        }
        for not in [
            "",
            "arn:",
            "arn:aws",
            "arn:aws:states::",
            "ARN:aws:states:::lambda:invoke",
        ] {
            assert_eq!(classify(not), Resource::NotArn, "{not}");
        }
    }

    #[test]
    fn suffix_support() {
        let sfn = integration_supported("states", "startExecution").unwrap();
        assert!(sfn.allows(Some(Suffix::Sync2)) && sfn.allows(Some(Suffix::WaitForTaskToken)));
        let ddb = integration_supported("dynamodb", "putItem").unwrap();
        assert!(ddb.allows(None) && !ddb.allows(Some(Suffix::Sync)));
        let ecs = integration_supported("ecs", "runTask").unwrap();
        assert!(ecs.allows(Some(Suffix::Sync)) && !ecs.allows(Some(Suffix::Sync2)));
        assert!(!ecs.allows(Some(Suffix::Unknown(".x"))));
        assert!(
            integration_supported("s3", "listObjectsV2")
                .unwrap()
                .map_io_only
        );
        assert!(
            !integration_supported("lambda", "invoke")
                .unwrap()
                .map_io_only
        );
        // Every row is unique.
        for (i, (s, a, _)) in OPTIMIZED.iter().enumerate() {
            assert!(!OPTIMIZED[..i].iter().any(|(s2, a2, _)| s2 == s && a2 == a));
        }
    }

    #[test]
    fn uri_profile() {
        assert!(is_uri("urn:x"));
        assert!(is_uri("https://example.com/a?b=c#d"));
        assert!(is_uri("a+b.c-d:%2F"));
        assert!(is_uri("x:"));
        assert!(!is_uri(":x"));
        assert!(!is_uri("1a:x"));
        assert!(!is_uri("a b:x"));
        assert!(!is_uri("a:b c"));
        assert!(!is_uri("a:%2"));
        assert!(!is_uri("a:%zz"));
        assert!(!is_uri("a:é"));
        assert!(!is_uri(""));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "arn:::::",
            "arn:aws:states:::.",
            "arn:aws:states:::a:.",
            "arn:aws:states:::a:b.",
            "arn:aws:states:::aws-sdk::",
            "arn:aws:lambda:é-é-1:123456789012:function:é",
            "arn:aws:states:::é:é.sync",
            "arn:é",
        ] {
            let _ = classify(s);
            let _ = is_uri(s);
        }
        assert!(matches!(
            classify("arn:aws:states:::a:b."),
            Resource::Integration {
                suffix: Some(Suffix::Unknown(".")),
                ..
            }
        ));
    }
}
