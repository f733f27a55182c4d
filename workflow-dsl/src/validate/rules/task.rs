//! Task rules on loaded values: resources (V705–V708, V951–V953), timeouts (V710, V712, V714)
//! credentials (V715) and callbacks that never pass their token (V722).

use serde_json::Value;

use super::{Cx, at};
use crate::asl::{IntegerField, StateKind, Template};
use crate::diagnostics::{Diagnostic, Profile, Rule};
use crate::resource::{Resource, Suffix, classify, integration_supported, is_uri};
use crate::validate::index::StateInfo;

const MAX_TASK_SECONDS: u64 = 99_999_999;

pub(super) fn check(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>) {
    let StateKind::Task(task) = &state.state.kind else {
        return;
    };
    let p = &state.pointer;
    resource(cx, state, &task.resource, &at(p, "Resource"));
    // Rules V710, V712: AWS's range for task timers; 0 would time out at once.
    for (field, value, rule) in [
        ("TimeoutSeconds", &task.timeout, Rule::V710),
        ("HeartbeatSeconds", &task.heartbeat, Rule::V712),
    ] {
        if let Some(IntegerField::Literal(seconds)) = value
            && (*seconds == 0 || *seconds > MAX_TASK_SECONDS)
        {
            cx.push(
                state,
                Diagnostic::new(
                    rule,
                    at(p, field),
                    format!("`{field}` is {seconds}; it must be between 1 and {MAX_TASK_SECONDS}"),
                ),
            );
        }
    }
    // Rule V714: a heartbeat at or after the timeout could never fire.
    if let (Some(IntegerField::Literal(timeout)), Some(IntegerField::Literal(heartbeat))) =
        (&task.timeout, &task.heartbeat)
        && heartbeat >= timeout
    {
        cx.push(
                state,
                Diagnostic::new(Rule::V714, at(p, "HeartbeatSeconds"), format!("`HeartbeatSeconds` ({heartbeat}) must be smaller than `TimeoutSeconds` ({timeout})"))
                    .with_help("lower the heartbeat or raise the timeout"),
            );
    }
    // Rule V722: a callback Task waits until someone returns its token; if the request does
    // not carry the token, nobody can, and the Task waits until it times out.
    if waits_for_token(&task.resource) && !passes_task_token(task) {
        let (field, pointer) = match (&task.parameters, &task.arguments) {
            (Some(_), _) => ("Parameters", at(p, "Parameters")),
            (None, Some(_)) => ("Arguments", at(p, "Arguments")),
            (None, None) => ("Resource", at(p, "Resource")),
        };
        cx.push(
            state,
            Diagnostic::new(
                Rule::V722,
                pointer,
                format!("this `.waitForTaskToken` Task never passes its task token (`{field}` has none)"),
            )
            .with_help("send the token with the request, e.g. `\"TaskToken.$\": \"$$.Task.Token\"` in `Parameters` (JSONata: `{% $states.context.Task.Token %}` in `Arguments`)"),
        );
    }
    // Rule V715: AWS needs the role to assume (recorded text and location).
    if let Some(credentials) = &task.credentials
        && !has_role_arn(credentials)
    {
        cx.push(
                state,
                Diagnostic::new(Rule::V715, at(p, "Credentials"), "`Credentials` has no `RoleArn`")
                    .with_help("add `\"RoleArn\": \"arn:aws:iam::123456789012:role/Name\"` (or `RoleArn.$` with a path)")
                    .with_aws_message("The field 'RoleArn' is required but was missing"),
            );
    }
}

/// Whether `resource` is a callback integration (`….waitForTaskToken`).
fn waits_for_token(resource: &str) -> bool {
    matches!(
        classify(resource),
        Resource::Integration {
            suffix: Some(Suffix::WaitForTaskToken),
            ..
        } | Resource::AwsSdk {
            suffix: Some(Suffix::WaitForTaskToken),
            ..
        }
    )
}

/// Whether the Task's request reads the context object's task token somewhere.
fn passes_task_token(task: &crate::asl::Task) -> bool {
    let mut passes = false;
    for template in [&task.parameters, &task.arguments].into_iter().flatten() {
        template.walk(&mut |node| {
            passes |= match node {
                Template::Path(path) => path.as_str().contains("$$.Task.Token"),
                Template::Call(call) => call.source().contains("$$.Task.Token"),
                Template::Jsonata(expression) => {
                    expression.source().contains("$states.context.Task.Token")
                }
                Template::Value(_) | Template::Object(_) | Template::Array(_) => false,
            };
        });
    }
    passes
}

fn has_role_arn(credentials: &Template) -> bool {
    match credentials {
        Template::Object(members) => members.iter().any(|m| m.name() == "RoleArn"),
        Template::Value(Value::Object(object)) => {
            object.contains_key("RoleArn") || object.contains_key("RoleArn.$")
        }
        _ => false,
    }
}

fn resource(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>, resource: &str, pointer: &str) {
    let not_recognized = || {
        format!(
            "The resource provided {resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region."
        )
    };
    let classified = classify(resource);
    match classified {
        // Rule V706: documentation ARNs with `...` run locally but AWS refuses them.
        Resource::Elided => cx.push(
            state,
            Diagnostic::new(Rule::V706, pointer.to_owned(), format!("\"{resource}\" is an elided documentation ARN: AWS will refuse it at deploy time"))
                .with_help("replace every `...` with the real region and account, e.g. arn:aws:lambda:us-east-1:123456789012:function:Name; local runs can still answer it with a handler"),
        ),
        // Rule V707: an `arn:<p>:states:::` integration AWS cannot parse (`aws-sdk:dynamodb`
        // without an action) is refused like an unknown one.
        Resource::NotArn | Resource::OtherArn if cx.profile != Profile::Spec && is_integration_arn(resource) => cx.push(
            state,
            Diagnostic::new(Rule::V707, pointer.to_owned(), format!("\"{resource}\" is not an integration Step Functions offers"))
                .with_help("write arn:aws:states:::<service>:<action>, or arn:aws:states:::aws-sdk:<service>:<apiAction> for any AWS API")
                .with_aws_message(not_recognized()),
        ),
        // Rule V705: `spec` wants a URI, `aws` a Resource shape Step Functions runs.
        Resource::NotArn | Resource::OtherArn => {
            let (valid, message) = if cx.profile == Profile::Spec {
                (is_uri(resource), format!("`Resource` \"{resource}\" is not a URI"))
            } else {
                (false, format!("`Resource` \"{resource}\" is not an ARN Step Functions can run"))
            };
            if !valid {
                cx.push(
                    state,
                    Diagnostic::new(Rule::V705, pointer.to_owned(), message)
                        .with_help("use a Lambda function ARN, an activity ARN, or an integration such as arn:aws:states:::lambda:invoke")
                        .with_aws_message(not_recognized()),
                );
            }
        }
        Resource::Integration { service, action, suffix, .. } => match integration_supported(service, action) {
            // Rule V707: AWS refuses integrations it does not offer (recorded text).
            None => cx.push(
                state,
                Diagnostic::new(Rule::V707, pointer.to_owned(), format!("Step Functions has no optimized integration `{service}:{action}`"))
                    .with_help(format!("check the action name, or call any API with arn:aws:states:::aws-sdk:{service}:{action}"))
                    .with_aws_message(not_recognized()),
            ),
            Some(supported) if supported.map_io_only => cx.push(
                state,
                Diagnostic::new(Rule::V707, pointer.to_owned(), format!("`{service}:{action}` is only available to a Map's ItemReader or ResultWriter"))
                    .with_help(format!("in a Task, use arn:aws:states:::aws-sdk:{service}:{action}"))
                    .with_aws_message(not_recognized()),
            ),
            // Rule V708: each integration supports only some patterns.
            Some(supported) if !supported.allows(suffix) => cx.push(
                state,
                Diagnostic::new(Rule::V708, pointer.to_owned(), format!("`{service}:{action}` does not support the `{}` pattern", suffix_text(suffix)))
                    .with_help("use `.sync`, `.sync:2` or `.waitForTaskToken` where the integration offers it, or no suffix")
                    .with_aws_message(not_recognized()),
            ),
            Some(_) => {}
        },
        Resource::AwsSdk { suffix: Some(suffix), .. } if suffix != Suffix::WaitForTaskToken => cx.push(
            state,
            Diagnostic::new(Rule::V708, pointer.to_owned(), format!("AWS SDK integrations support only `.waitForTaskToken`, not `{}`", suffix_text(Some(suffix))))
                .with_aws_message(not_recognized()),
        ),
        Resource::LambdaFunction { .. } | Resource::Activity { .. } | Resource::AwsSdk { .. } | Resource::Http => {}
    }
    // Rules V951–V953: EXPRESS machines cannot wait on activities, jobs or callbacks (recorded texts).
    if cx.profile == Profile::AwsExpress {
        let express = match classified {
            Resource::Activity { .. } => Some((
                Rule::V951,
                "Express state machine does not support Activity ARN",
            )),
            Resource::Integration {
                suffix: Some(Suffix::Sync | Suffix::Sync2),
                ..
            } => Some((
                Rule::V952,
                "Express state machine does not support '.sync' service integration",
            )),
            Resource::Integration {
                suffix: Some(Suffix::WaitForTaskToken),
                ..
            }
            | Resource::AwsSdk {
                suffix: Some(Suffix::WaitForTaskToken),
                ..
            } => {
                // AWS's text ends with a space (tests/data/aws-recorded/definition_validation/
                // sfn_api_express__test_illegal_callbacks_WAIT_FOR_TASK_TOKEN.json).
                Some((
                    Rule::V953,
                    "Express state machine does not support '.waitForTaskToken' service integration ",
                ))
            }
            _ => None,
        };
        if let Some((rule, aws_text)) = express {
            cx.push(
                state,
                Diagnostic::new(rule, pointer.to_owned(), format!("EXPRESS state machines cannot run \"{resource}\": they do not wait for activities, `.sync` jobs or task tokens"))
                    .with_help("make the state machine STANDARD, or call the service request-response (no suffix)")
                    .with_aws_message(aws_text),
            );
        }
    }
}

/// `arn:<partition>:states:::…`: the prefix of every optimized and SDK integration.
fn is_integration_arn(resource: &str) -> bool {
    resource
        .strip_prefix("arn:")
        .and_then(|rest| rest.split_once(':'))
        .is_some_and(|(partition, rest)| {
            partition.starts_with("aws") && rest.starts_with("states:::")
        })
}

fn suffix_text(suffix: Option<Suffix<'_>>) -> &str {
    match suffix {
        None => "request-response",
        Some(Suffix::Sync) => ".sync",
        Some(Suffix::Sync2) => ".sync:2",
        Some(Suffix::WaitForTaskToken) => ".waitForTaskToken",
        Some(Suffix::Unknown(text)) => text,
    }
}
