//! Where a Map's items come from: `Items` (JSONata), an `ItemReader` over the local S3
//! objects, and the batches of an `ItemBatcher`.

use serde_json::{Map, Value};

use crate::asl::{IntegerField, Map as MapState, Template};
use crate::engine::failure::Failure;
use crate::engine::io::{self, Env};
use crate::engine::items;
use crate::engine::jsonata::{self};
use crate::engine::run::raw;
use crate::engine::state::StateRun;

impl StateRun<'_, '_> {
    /// `Items` (JSONata): an array, or an expression that gives one.
    pub(super) fn jsonata_items(
        &self,
        items: &Template,
        context: &Env<'_>,
    ) -> Result<Value, Failure> {
        let value = self.query_template(items, "Items", &self.scope(context))?;
        match (items, &value) {
            (Template::Jsonata(expression), value) if !value.is_array() => Err(self.query_failure(
                "Items",
                &jsonata::unexpected_type(expression, "Items", "array", value),
            )),
            _ => Ok(value),
        }
    }

    pub(super) fn read_items(
        &self,
        reader: &crate::asl::ItemReader,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Vec<Value>, Failure> {
        let parameters = match (&reader.parameters, &reader.arguments) {
            (Some(parameters), _) => {
                self.runtime(io::evaluate(parameters, input, context, &mut || {
                    self.run.random()
                }))?
            }
            (None, Some(arguments)) => {
                self.query_template(arguments, "ItemReader/Arguments", &self.scope(context))?
            }
            (None, None) => Value::Object(Map::new()),
        };
        let config = reader.reader_config.as_ref();
        let max_items = match config.and_then(|c| c.max_items.as_ref()) {
            Some(IntegerField::Literal(n)) => Some(*n),
            Some(IntegerField::Jsonata(expression)) => {
                Some(self.query_integer(expression, "MaxItems", 1, &self.scope(context))?)
            }
            Some(IntegerField::Path(path)) => {
                let value = self.number_at(path.as_path(), input, context)?;
                match (value.as_u64(), value.as_i64()) {
                    (Some(n), _) => Some(n),
                    (None, Some(_)) => {
                        return Err(Failure::new(
                            "States.ItemReaderFailed",
                            "field MaxItems must be positive",
                        ));
                    }
                    _ => {
                        return Err(self.runtime_failure(&format!(
                            "The MaxItemsPath field refers to value \"{}\" which is not a valid integer: {}",
                            raw(&value),
                            path.as_str()
                        )));
                    }
                }
            }
            _ => None,
        };
        items::read(
            self.run.objects,
            &reader.resource,
            &parameters,
            config,
            max_items,
        )
    }

    /// `ItemBatcher`: items grouped into `{"Items": […], "BatchInput": …}` objects
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html>).
    pub(super) fn batch(
        &self,
        map: &MapState,
        items: Vec<Value>,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Vec<Value>, Failure> {
        let Some(batcher) = &map.item_batcher else {
            return Ok(items);
        };
        let max_items = match &batcher.max_items_per_batch {
            Some(field) => self
                .dynamic_number(field, "MaxItemsPerBatch", "integer", input, context)?
                .and_then(|v| v.as_u64()),
            None => None,
        };
        let max_bytes = match &batcher.max_input_bytes_per_batch {
            Some(field) => self
                .dynamic_number(field, "MaxInputBytesPerBatch", "integer", input, context)?
                .and_then(|v| v.as_u64()),
            None => None,
        };
        let batch_input = match &batcher.batch_input {
            Some(template) => Some(self.runtime(io::evaluate(
                template,
                input,
                context,
                &mut || self.run.random(),
            ))?),
            None => None,
        };
        let max_items = usize::try_from(max_items.unwrap_or(u64::MAX).max(1)).unwrap_or(usize::MAX);
        let max_bytes = usize::try_from(max_bytes.unwrap_or(u64::MAX)).unwrap_or(usize::MAX);
        let mut batches = Vec::new();
        let mut current: Vec<Value> = Vec::new();
        let mut bytes = 0;
        for item in items {
            let size = item.to_string().len() + 1;
            if !current.is_empty() && (current.len() >= max_items || bytes + size > max_bytes) {
                batches.push(std::mem::take(&mut current));
                bytes = 0;
            }
            bytes += size;
            current.push(item);
        }
        if !current.is_empty() {
            batches.push(current);
        }
        Ok(batches
            .into_iter()
            .map(|items| {
                let mut batch = Map::new();
                if let Some(batch_input) = &batch_input {
                    batch.insert("BatchInput".to_owned(), batch_input.clone());
                }
                batch.insert("Items".to_owned(), Value::Array(items));
                Value::Object(batch)
            })
            .collect())
    }
}
