//! [`QmpSchema`]: QEMU's `query-qmp-schema` answer as a queryable model.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

/// One entity of the schema (commands, events and types).
#[derive(Debug, Clone, PartialEq)]
struct Entity {
    meta: String,
    raw: Value,
}

/// QEMU's QMP schema (`query-qmp-schema`), answering "does this QEMU have command X",
/// "does command X take argument Y of type T" and "what are the values of enum T".
///
/// Type names in the raw schema are mangled (numbers); [`QmpSchema::argument_type`]
/// resolves them to readable names: a builtin (`str`, `int`, `bool`, `number`, `any`,
/// `null`, `size`, `uint64`, ...), `enum`, `object`, `alternate`, or `[T]` for arrays.
#[derive(Debug, Clone, Default, glib::Boxed)]
#[boxed_type(name = "GVirQmpSchema")]
pub struct QmpSchema {
    by_name: Arc<HashMap<String, Entity>>,
}

impl QmpSchema {
    /// Builds the model from the `return` array of `query-qmp-schema` (or the whole reply).
    ///
    /// # Errors
    ///
    /// Returns a message when `json` is not a schema array.
    pub fn from_json(json: &Value) -> Result<Self, String> {
        let arr = json
            .get("return")
            .unwrap_or(json)
            .as_array()
            .ok_or_else(|| "query-qmp-schema did not return an array".to_owned())?;
        let mut by_name = HashMap::with_capacity(arr.len());
        for e in arr {
            let (Some(name), Some(meta)) = (
                e.get("name").and_then(Value::as_str),
                e.get("meta-type").and_then(Value::as_str),
            ) else {
                continue;
            };
            by_name.insert(
                name.to_owned(),
                Entity {
                    meta: meta.to_owned(),
                    raw: e.clone(),
                },
            );
        }
        Ok(Self {
            by_name: Arc::new(by_name),
        })
    }

    fn entity(&self, name: &str, meta: &str) -> Option<&Entity> {
        self.by_name.get(name).filter(|e| e.meta == meta)
    }

    /// Number of schema entities.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// Whether the schema is empty.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    /// Whether QEMU has command `name`.
    pub fn has_command(&self, name: &str) -> bool {
        self.entity(name, "command").is_some()
    }

    /// Whether QEMU can emit event `name`.
    pub fn has_event(&self, name: &str) -> bool {
        self.entity(name, "event").is_some()
    }

    /// All command names, sorted.
    pub fn commands(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .by_name
            .iter()
            .filter(|(_, e)| e.meta == "command")
            .map(|(n, _)| n.clone())
            .collect();
        v.sort();
        v
    }

    fn arg_member(&self, command: &str, arg: &str) -> Option<&Value> {
        let cmd = self.entity(command, "command")?;
        let arg_type = cmd.raw.get("arg-type")?.as_str()?;
        let obj = self.entity(arg_type, "object")?;
        obj.raw
            .get("members")?
            .as_array()?
            .iter()
            .find(|m| m.get("name").and_then(Value::as_str) == Some(arg))
    }

    /// The names of command `command`'s arguments.
    pub fn arguments(&self, command: &str) -> Vec<String> {
        let Some(obj) = self
            .entity(command, "command")
            .and_then(|c| c.raw.get("arg-type")?.as_str())
            .and_then(|t| self.entity(t, "object"))
        else {
            return Vec::new();
        };
        obj.raw
            .get("members")
            .and_then(Value::as_array)
            .map(|ms| {
                ms.iter()
                    .filter_map(|m| m.get("name")?.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether `command` takes argument `arg`.
    pub fn has_argument(&self, command: &str, arg: &str) -> bool {
        self.arg_member(command, arg).is_some()
    }

    /// Whether argument `arg` of `command` is optional.
    pub fn argument_is_optional(&self, command: &str, arg: &str) -> Option<bool> {
        self.arg_member(command, arg)
            .map(|m| m.get("default").is_some())
    }

    /// The readable type of argument `arg` of `command` (see the type description above).
    pub fn argument_type(&self, command: &str, arg: &str) -> Option<String> {
        let t = self.arg_member(command, arg)?.get("type")?.as_str()?;
        Some(self.readable_type(t))
    }

    /// Whether `command` takes argument `arg` of readable type `ty`.
    pub fn has_argument_of_type(&self, command: &str, arg: &str, ty: &str) -> bool {
        self.argument_type(command, arg).as_deref() == Some(ty)
    }

    /// The values of the enum type of argument `arg` of `command`.
    pub fn argument_enum_values(&self, command: &str, arg: &str) -> Option<Vec<String>> {
        let t = self.arg_member(command, arg)?.get("type")?.as_str()?;
        self.enum_values(t)
    }

    /// The values of enum type `name` (the schema's, possibly mangled, type name).
    pub fn enum_values(&self, name: &str) -> Option<Vec<String>> {
        let e = self.entity(name, "enum")?;
        let vals = e
            .raw
            .get("values")
            .or_else(|| e.raw.get("members"))?
            .as_array()?;
        Some(
            vals.iter()
                .filter_map(|v| {
                    v.as_str()
                        .map(str::to_owned)
                        .or_else(|| v.get("name")?.as_str().map(str::to_owned))
                })
                .collect(),
        )
    }

    fn readable_type(&self, t: &str) -> String {
        match self.by_name.get(t) {
            Some(e) if e.meta == "builtin" => t.to_owned(),
            Some(e) if e.meta == "array" => {
                let el = e
                    .raw
                    .get("element-type")
                    .and_then(Value::as_str)
                    .unwrap_or("any");
                format!("[{}]", self.readable_type(el))
            }
            Some(e) => e.meta.clone(),
            None => t.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_commands_arguments_and_enums() {
        let json = serde_json::json!({"return": [
            {"name": "query-status", "meta-type": "command", "arg-type": "0", "ret-type": "1"},
            {"name": "0", "meta-type": "object", "members": []},
            {"name": "stop", "meta-type": "command", "arg-type": "0", "ret-type": "0"},
            {"name": "set-action", "meta-type": "command", "arg-type": "2", "ret-type": "0"},
            {"name": "2", "meta-type": "object", "members": [
                {"name": "reboot", "type": "3", "default": null},
                {"name": "ids", "type": "[int]"}
            ]},
            {"name": "3", "meta-type": "enum", "values": ["reset", "shutdown"]},
            {"name": "[int]", "meta-type": "array", "element-type": "int"},
            {"name": "int", "meta-type": "builtin", "json-type": "int"}
        ]});
        let s = QmpSchema::from_json(&json).expect("schema");
        assert!(s.has_command("query-status"));
        assert!(!s.has_command("no-such-command"));
        assert!(s.has_argument("set-action", "reboot"));
        assert!(!s.has_argument("set-action", "nope"));
        assert_eq!(
            s.argument_type("set-action", "reboot").as_deref(),
            Some("enum")
        );
        assert!(s.has_argument_of_type("set-action", "ids", "[int]"));
        assert_eq!(s.argument_is_optional("set-action", "reboot"), Some(true));
        assert_eq!(s.argument_is_optional("set-action", "ids"), Some(false));
        assert_eq!(
            s.argument_enum_values("set-action", "reboot"),
            Some(vec!["reset".to_owned(), "shutdown".to_owned()])
        );
        assert_eq!(s.commands(), vec!["query-status", "set-action", "stop"]);
    }
}
