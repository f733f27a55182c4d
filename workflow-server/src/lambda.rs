//! `--lambda-endpoint URL`: Lambda Tasks call a local Lambda-compatible endpoint (SAM local,
//! LocalStack, a test double) with the Invoke API, `POST /2015-03-31/functions/<name>/invocations`,
//! over plain HTTP/1.1.

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use workflow_dsl::engine::{Failure, TaskRequest, TaskResult};

const INVOKE: &str = "arn:aws:states:::lambda:invoke";

/// A legacy Lambda ARN resource or the `lambda:invoke` integration.
pub fn is_lambda(resource: &str) -> bool {
    resource.starts_with("arn:aws:lambda:") || resource == INVOKE
}

fn service_error(cause: String) -> Failure {
    Failure::new("Lambda.ServiceException", cause)
}

/// Invokes the function and shapes the result as Step Functions does: the payload for a Lambda
/// ARN, `{ExecutedVersion, Payload, StatusCode}` for `lambda:invoke`; a function error fails the
/// task with its `errorType` and the payload as cause.
pub async fn invoke(endpoint: &str, request: &TaskRequest) -> TaskResult {
    let integration = request.resource == INVOKE;
    let (function, payload) = if integration {
        let name = request.input["FunctionName"].as_str().unwrap_or_default();
        (
            name,
            request.input.get("Payload").cloned().unwrap_or(json!({})),
        )
    } else {
        (request.resource.as_str(), request.input.clone())
    };
    // `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` → `<name>`.
    let name = function
        .split_once(":function:")
        .map_or(function, |(_, rest)| rest.split(':').next().unwrap_or(rest));
    let (status, function_error, body) = post(endpoint, name, &payload.to_string())
        .await
        .map_err(|error| service_error(format!("cannot invoke {name} at {endpoint}: {error}")))?;
    let parsed: Value = serde_json::from_str(&body).unwrap_or(Value::String(body.clone()));
    if status != 200 {
        return Err(service_error(format!(
            "{endpoint} answered HTTP {status}: {body}"
        )));
    }
    if function_error {
        let error = parsed["errorType"]
            .as_str()
            .unwrap_or("Exception")
            .to_owned();
        return Err(Failure::new(error, body));
    }
    Ok(if integration {
        json!({"ExecutedVersion": "$LATEST", "Payload": parsed, "StatusCode": 200})
    } else {
        parsed
    })
}

/// One HTTP/1.1 POST; returns the status, whether `X-Amz-Function-Error` was set, and the body.
async fn post(endpoint: &str, function: &str, body: &str) -> std::io::Result<(u16, bool, String)> {
    let rest = endpoint
        .strip_prefix("http://")
        .ok_or_else(|| std::io::Error::other("the endpoint must be an http:// URL"))?;
    let (host, prefix) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let prefix = prefix.trim_end_matches('/');
    let path = if prefix.is_empty() {
        format!("/2015-03-31/functions/{function}/invocations")
    } else {
        format!("/{prefix}/2015-03-31/functions/{function}/invocations")
    };
    let mut stream = TcpStream::connect(host).await?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    let text = String::from_utf8_lossy(&response);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let headers: Vec<String> = head.lines().skip(1).map(str::to_ascii_lowercase).collect();
    let function_error = headers
        .iter()
        .any(|h| h.starts_with("x-amz-function-error:"));
    let chunked = headers
        .iter()
        .any(|h| h.starts_with("transfer-encoding:") && h.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Ok((status, function_error, body))
}

/// The body of a chunked response.
fn dechunk(mut text: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = text.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16)
        else {
            break;
        };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        text = rest[size..].trim_start_matches("\r\n");
    }
    out
}
