//! Where a distributed Map's items come from: objects read through `ItemReader` from a local
//! stand-in for S3, parsed as CSV, JSON or JSON lines
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html>).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};

use super::failure::Failure;
use crate::asl::{CsvDelimiter, CsvHeaderLocation, InputType, ReaderConfig};

/// `States.ItemReaderFailed`.
const ITEM_READER_FAILED: &str = "States.ItemReaderFailed";

/// A local stand-in for S3: what `ItemReader` reads and `ResultWriter` writes, keyed
/// `"<bucket>/<key>"` (the `s3_objects` format of `tests/data/aws-recorded/README.md`).
/// Clones share the same objects, so a caller can keep one to read what an execution wrote.
#[derive(Clone, Debug, Default)]
pub struct S3Objects {
    objects: Arc<Mutex<HashMap<String, String>>>,
}

impl S3Objects {
    /// Reads `{"bucket/key": "body", …}`.
    pub fn from_value(value: &Value) -> Result<S3Objects, String> {
        let Some(object) = value.as_object() else {
            return Err("s3 objects must be an object of \"bucket/key\" → body text".to_owned());
        };
        let mut objects = HashMap::new();
        for (key, body) in object {
            let Some(body) = body.as_str() else {
                return Err(format!("the body of {key} must be a string"));
            };
            objects.insert(key.clone(), body.to_owned());
        }
        Ok(S3Objects {
            objects: Arc::new(Mutex::new(objects)),
        })
    }

    /// The body of `bucket/key`, if there is one.
    pub fn get(&self, bucket: &str, key: &str) -> Option<String> {
        self.objects
            .lock()
            .ok()?
            .get(&format!("{bucket}/{key}"))
            .cloned()
    }

    /// Stores `body` at `bucket/key`.
    pub fn put(&self, bucket: &str, key: &str, body: String) {
        if let Ok(mut objects) = self.objects.lock() {
            objects.insert(format!("{bucket}/{key}"), body);
        }
    }

    /// The listing of `bucket` under `prefix`, as `listObjectsV2` items.
    fn list(&self, bucket: &str, prefix: &str) -> Vec<Value> {
        let Ok(objects) = self.objects.lock() else {
            return Vec::new();
        };
        let mut keys: Vec<(&String, &String)> = objects
            .iter()
            .filter(|(name, _)| {
                name.strip_prefix(bucket)
                    .and_then(|rest| rest.strip_prefix('/'))
                    .is_some_and(|key| key.starts_with(prefix))
            })
            .collect();
        keys.sort();
        keys.into_iter()
            .map(|(name, body)| {
                let key = &name[bucket.len() + 1..];
                serde_json::json!({"Key": key, "Size": body.len(), "StorageClass": "STANDARD"})
            })
            .collect()
    }
}

/// Reads the items `resource` names with `parameters` (`Bucket`, `Key` / `Prefix`).
pub(crate) fn read(
    objects: &S3Objects,
    resource: &str,
    parameters: &Value,
    config: Option<&ReaderConfig>,
    max_items: Option<u64>,
) -> Result<Vec<Value>, Failure> {
    let bucket = parameters
        .get("Bucket")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let mut items = if resource.ends_with(":s3:listObjectsV2") {
        let prefix = parameters
            .get("Prefix")
            .and_then(Value::as_str)
            .unwrap_or_default();
        objects.list(bucket, prefix)
    } else {
        let key = parameters
            .get("Key")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Some(body) = objects.get(bucket, key) else {
            return Err(Failure::new(
                ITEM_READER_FAILED,
                format!("The specified key does not exist: s3://{bucket}/{key}"),
            ));
        };
        match config.and_then(|c| c.input_type) {
            Some(InputType::Csv) => csv(&body, config)?,
            Some(InputType::Jsonl) => body
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(parse_json)
                .collect::<Result<_, _>>()?,
            _ => match parse_json(&body)? {
                Value::Array(items) => items,
                _ => {
                    return Err(Failure::new(
                        ITEM_READER_FAILED,
                        "Attempting to map over non-iterable node.",
                    ));
                }
            },
        }
    };
    // MaxItems 0 reads everything (recorded); only a positive number limits.
    if let Some(max) = max_items.filter(|max| *max > 0) {
        items.truncate(usize::try_from(max).unwrap_or(usize::MAX));
    }
    Ok(items)
}

fn parse_json(text: &str) -> Result<Value, Failure> {
    serde_json::from_str(text).map_err(|error| {
        Failure::new(
            ITEM_READER_FAILED,
            format!("The object is not valid JSON: {error}"),
        )
    })
}

/// CSV rows as objects of strings: extra fields are dropped, missing ones are `""`
/// (recorded), and blank last lines are not rows.
fn csv(body: &str, config: Option<&ReaderConfig>) -> Result<Vec<Value>, Failure> {
    let delimiter = match config.and_then(|c| c.csv_delimiter) {
        Some(CsvDelimiter::Pipe) => '|',
        Some(CsvDelimiter::Semicolon) => ';',
        Some(CsvDelimiter::Space) => ' ',
        Some(CsvDelimiter::Tab) => '\t',
        _ => ',',
    };
    let mut lines = body.lines().filter(|line| !line.is_empty());
    let headers: Vec<String> = match config.and_then(|c| c.csv_header_location) {
        Some(CsvHeaderLocation::Given) => config
            .and_then(|c| c.csv_headers.clone())
            .unwrap_or_default(),
        _ => match lines.next() {
            Some(first) => split(first, delimiter),
            None => return Ok(Vec::new()),
        },
    };
    let mut seen = std::collections::HashSet::new();
    if !headers.iter().all(|header| seen.insert(header)) {
        return Err(Failure::new(
            ITEM_READER_FAILED,
            "CSV headers cannot contain duplicates.",
        ));
    }
    Ok(lines
        .map(|line| {
            let fields = split(line, delimiter);
            let mut row = Map::new();
            for (i, header) in headers.iter().enumerate() {
                row.insert(
                    header.clone(),
                    Value::from(fields.get(i).cloned().unwrap_or_default()),
                );
            }
            Value::Object(row)
        })
        .collect())
}

/// One CSV line into fields, with RFC 4180 double quotes.
fn split(line: &str, delimiter: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if field.is_empty() && !quoted => quoted = true,
            '"' if quoted => quoted = false,
            c if c == delimiter && !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csv_rows_follow_the_recorded_shapes() {
        let rows = csv("H1,\nValue4,Value5,Value6\n,,,\n   \n", None).unwrap();
        assert_eq!(
            rows,
            vec![
                json!({"H1": "Value4", "": "Value5"}),
                json!({"H1": "", "": ""}),
                json!({"H1": "   ", "": ""})
            ]
        );
        assert_eq!(split(r#"a,"b,c","d""e""#, ','), vec!["a", "b,c", "d\"e"]);
        let duplicate = ReaderConfig {
            csv_header_location: Some(CsvHeaderLocation::Given),
            csv_headers: Some(vec!["H".to_owned(), "H".to_owned()]),
            ..ReaderConfig::default()
        };
        assert_eq!(
            csv("a,b", Some(&duplicate)).unwrap_err().cause.as_deref(),
            Some("CSV headers cannot contain duplicates.")
        );
    }
}
