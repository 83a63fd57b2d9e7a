//! Reading serde types out of a parsed JSON document, so that a value that
//! does not fit is reported at its JSON path (`appRoles[3].id`), where the
//! user finds it in the file. Used by the readers of tenant exports (catalog
//! import, app registrations); pure, no I/O.

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

/// The longest serde message kept, in characters: a wrong value is quoted in
/// it, and an export's text can be kilobytes long.
const MESSAGE_MAX_CHARS: usize = 160;

/// A value that does not fit the type read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    /// Its JSON path in the document (empty for the top level), terminal-safe.
    pub path: String,
    /// What serde said (`missing field `id``, `invalid type: …`), one
    /// terminal-safe line.
    pub message: String,
}

/// `value`, found at `path` in its document (empty for the top level), read as `T`.
pub fn read_at<T: DeserializeOwned>(value: &Value, path: &str) -> Result<T, Misfit> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let inner = e.path().to_string();
        let path = match inner.as_str() {
            "." => path.to_string(),
            _ if path.is_empty() || inner.starts_with('[') => format!("{path}{inner}"),
            _ => format!("{path}.{inner}"),
        };
        let message = e.into_inner().to_string();
        let message = match message.char_indices().nth(MESSAGE_MAX_CHARS) {
            Some((end, _)) => format!("{}…", &message[..end]),
            None => message,
        };
        let printable = |text: &str| crate::text::printable(text).into_owned();
        Misfit { path: printable(&path), message: printable(&message) }
    })
}

/// For an optional field (`#[serde(default, deserialize_with = "present")]`):
/// absent is `None`, but a value given must be a `T`, never `null`.
pub fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A `T` written as a JSON object. serde's derive also reads a struct from an
/// array, by position; an export's object is never an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Fields<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Fields(PhantomData)).map(Object)
    }
}
