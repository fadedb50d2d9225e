//! Writes a value as the Rust expression that builds it (`Name { field: String::from("…"),
//! list: vec![…], maybe: None, … }`), through its `Serialize`. `build.rs` writes the deployment
//! configuration this way, so the binaries construct it directly instead of parsing JSON: the
//! end user's first page then carries no JSON decoder for it (BENCHMARKS.md, first load).
//!
//! Only what the deployment's types use is supported: structs with named fields, `String`,
//! `Option`, `Vec`, integers, `bool` and unit enum variants; anything else is an error, not a
//! guess. Serde renames would make the names wrong, so the deployment's types have none (the
//! round-trip test in `config` would fail).

use serde::ser::{self, Serialize};
use std::fmt::{self, Write};

#[derive(Debug)]
pub struct Unsupported(pub String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write as a Rust literal: {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

/// The Rust expression that builds `value`.
pub fn to_rust<T: Serialize + ?Sized>(value: &T) -> Result<String, Unsupported> {
    let mut out = String::new();
    value.serialize(Writer { out: &mut out })?;
    Ok(out)
}

struct Writer<'a> {
    out: &'a mut String,
}

fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
    Err(Unsupported(what.to_string()))
}

impl Writer<'_> {
    fn number(self, n: impl fmt::Display) -> Result<(), Unsupported> {
        write!(self.out, "{n}").map_err(|e| Unsupported(e.to_string()))
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = List<'a>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.number(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.number(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.number(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.number(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.number(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.number(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.number(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.number(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.number(v)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        unsupported("a float")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        unsupported("a float")
    }
    fn serialize_char(self, _: char) -> Result<(), Unsupported> {
        unsupported("a char")
    }
    /// `{:?}` of a `str` is a valid Rust string literal (quotes and escapes included).
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        write!(self.out, "String::from({v:?})").map_err(|e| Unsupported(e.to_string()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.out.push_str("None");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        self.out.push_str("Some(");
        value.serialize(Writer { out: self.out })?;
        self.out.push(')');
        Ok(())
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        unsupported("a unit")
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Unsupported> {
        self.out.push_str(name);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        write!(self.out, "{name}::{variant}").map_err(|e| Unsupported(e.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        unsupported("a newtype struct")
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        unsupported("a newtype variant")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<List<'a>, Unsupported> {
        self.out.push_str("vec![");
        Ok(List { out: self.out })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        unsupported("a tuple")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        unsupported("a tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        unsupported("a tuple variant")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        unsupported("a map")
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Fields<'a>, Unsupported> {
        write!(self.out, "{name} {{").map_err(|e| Unsupported(e.to_string()))?;
        Ok(Fields { out: self.out })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        unsupported("a struct variant")
    }
}

struct List<'a> {
    out: &'a mut String,
}

impl ser::SerializeSeq for List<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(Writer { out: self.out })?;
        self.out.push(',');
        Ok(())
    }
    fn end(self) -> Result<(), Unsupported> {
        self.out.push(']');
        Ok(())
    }
}

struct Fields<'a> {
    out: &'a mut String,
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        write!(self.out, "{key}:").map_err(|e| Unsupported(e.to_string()))?;
        value.serialize(Writer { out: self.out })?;
        self.out.push(',');
        Ok(())
    }
    fn end(self) -> Result<(), Unsupported> {
        self.out.push('}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Inner {
        name: String,
        note: Option<String>,
    }

    #[derive(Serialize)]
    enum Kind {
        Phone,
    }

    #[derive(Serialize)]
    struct Outer {
        days: u32,
        kind: Kind,
        items: Vec<Inner>,
    }

    #[test]
    fn structs_strings_options_lists_numbers_and_variants_become_their_constructors() {
        let value = Outer {
            days: 35,
            kind: Kind::Phone,
            items: vec![
                Inner {
                    name: "Legevakt «116 117»\n\"x\"".into(),
                    note: None,
                },
                Inner {
                    name: "b".into(),
                    note: Some("c".into()),
                },
            ],
        };
        assert_eq!(
            to_rust(&value).unwrap(),
            r#"Outer {days:35,kind:Kind::Phone,items:vec![Inner {name:String::from("Legevakt «116 117»\n\"x\""),note:None,},Inner {name:String::from("b"),note:Some(String::from("c")),},],}"#
        );
    }

    #[test]
    fn what_it_cannot_write_is_an_error() {
        assert!(to_rust(&1.5_f64).is_err());
        assert!(to_rust(&std::collections::BTreeMap::from([("a", 1)])).is_err());
        assert!(to_rust(&(1, 2)).is_err());
    }
}
