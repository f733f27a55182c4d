//! The AWS JSON 1.0 protocol: `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON body in;
//! a JSON body, or HTTP 400 with `{"__type", "message"}`, out.

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// One API call.
pub struct Request {
    pub operation: String,
    pub body: Map<String, Value>,
}

/// An error as AWS sends it.
#[derive(Debug)]
pub struct ApiError {
    pub kind: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            kind,
            message: message.into(),
        }
    }

    /// `ValidationException`, AWS's answer to a malformed request.
    pub fn validation(message: impl Into<String>) -> ApiError {
        ApiError::new("ValidationException", message)
    }
}

pub type ApiResult = Result<Value, ApiError>;

impl Request {
    pub fn read(headers: &HeaderMap, body: &[u8]) -> Result<Request, ApiError> {
        let target = headers
            .get("x-amz-target")
            .and_then(|value| value.to_str().ok())
            .ok_or_else(|| {
                ApiError::new(
                    "UnknownOperationException",
                    "missing X-Amz-Target header: expected AWSStepFunctions.<Operation>",
                )
            })?;
        let operation = target
            .strip_prefix("AWSStepFunctions.")
            .ok_or_else(|| {
                ApiError::new(
                    "UnknownOperationException",
                    format!("unknown target {target:?}: expected AWSStepFunctions.<Operation>"),
                )
            })?
            .to_owned();
        let body = if body.iter().all(u8::is_ascii_whitespace) {
            Map::new()
        } else {
            match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(object)) => object,
                Ok(_) => {
                    return Err(ApiError::new(
                        "SerializationException",
                        "the request body must be a JSON object",
                    ));
                }
                Err(error) => {
                    return Err(ApiError::new(
                        "SerializationException",
                        format!("the request body is not JSON: {error}"),
                    ));
                }
            }
        };
        Ok(Request { operation, body })
    }

    /// A required string member.
    pub fn string(&self, member: &str) -> Result<&str, ApiError> {
        match self.body.get(member) {
            Some(Value::String(text)) => Ok(text),
            Some(_) => Err(ApiError::validation(format!("'{member}' must be a string"))),
            None => Err(ApiError::validation(format!(
                "1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"
            ))),
        }
    }

    /// An optional string member.
    pub fn optional_string(&self, member: &str) -> Result<Option<&str>, ApiError> {
        match self.body.get(member) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(ApiError::validation(format!("'{member}' must be a string"))),
        }
    }

    /// An optional integer member.
    pub fn optional_u64(&self, member: &str) -> Result<Option<u64>, ApiError> {
        match self.body.get(member) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => value.as_u64().map(Some).ok_or_else(|| {
                ApiError::validation(format!("'{member}' must be a non-negative integer"))
            }),
        }
    }

    /// An optional boolean member.
    pub fn optional_bool(&self, member: &str) -> Result<Option<bool>, ApiError> {
        match self.body.get(member) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(*flag)),
            Some(_) => Err(ApiError::validation(format!(
                "'{member}' must be a boolean"
            ))),
        }
    }
}

/// The HTTP response for an operation's result.
pub fn respond(result: ApiResult) -> Response {
    let (status, body) = match result {
        Ok(body) => (StatusCode::OK, body),
        Err(error) => (
            StatusCode::BAD_REQUEST,
            json!({"__type": error.kind, "message": error.message}),
        ),
    };
    (
        status,
        [(header::CONTENT_TYPE, "application/x-amz-json-1.0")],
        body.to_string(),
    )
        .into_response()
}
