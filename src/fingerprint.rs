//! Fingerprints: 128-bit xxh3 hashes of build inputs, so a rebuild can tell
//! in one comparison whether a piece of work has the same inputs as last
//! time. xxh3 rather than a cryptographic hash because every rebuild hashes
//! the whole site's page data (tens of MB) within its time budget; the inputs
//! are the user's own files, so there is no adversary to collide them.
//!
//! Anything `Serialize` can be fingerprinted without building it first
//! ([`of_serialize`]); a Tera [`Value`] is walked directly ([`of_value`]) so
//! that values shared between many templates (a page listed by every list
//! page) are hashed once and then recognised by identity ([`Known`]).

use serde::ser::{self, Serialize};
use std::collections::HashMap;
use std::hash::Hasher;
use tera::Value;
use xxhash_rust::xxh3::Xxh3;

pub type Fingerprint = u128;

/// A streaming xxh3-128 hasher; also a `std::hash::Hasher` for `Hash` types.
#[derive(Default, Clone)]
pub struct Fingerprinter(Xxh3);

impl Fingerprinter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn finish128(&self) -> Fingerprint {
        self.0.digest128()
    }

    pub fn str(&mut self, s: &str) {
        self.0.update(&(s.len() as u64).to_le_bytes());
        self.0.update(s.as_bytes());
    }

    pub fn fingerprint(&mut self, fp: Fingerprint) {
        self.0.update(&fp.to_le_bytes());
    }
}

impl Hasher for Fingerprinter {
    fn finish(&self) -> u64 {
        self.0.digest()
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

/// The fingerprint of anything serialisable, without building it.
pub fn of_serialize<T: Serialize + ?Sized>(value: &T) -> Fingerprint {
    let mut hasher = Fingerprinter::new();
    // Hashing cannot fail; a failing `Serialize` impl only ends the hash early.
    let _ = value.serialize(&mut HashSerializer(&mut hasher));
    hasher.finish128()
}

/// The fingerprint of a list of strings (template sources, names).
pub fn of_strs<'a>(parts: impl IntoIterator<Item = &'a str>) -> Fingerprint {
    let mut hasher = Fingerprinter::new();
    for part in parts {
        hasher.str(part);
    }
    hasher.finish128()
}

/// Tera maps whose fingerprint is already known, by address. Only values
/// kept alive for as long as the table is used may be entered, so that an
/// address is never reused by another map meanwhile.
#[derive(Default)]
pub struct Known {
    by_address: HashMap<usize, Fingerprint>,
}

impl Known {
    pub fn insert(&mut self, value: &Value, fp: Fingerprint) {
        if let Some(map) = value.as_map() {
            self.by_address.insert(address(map), fp);
        }
    }

    pub fn get(&self, value: &Value) -> Option<Fingerprint> {
        self.by_address.get(&address(value.as_map()?)).copied()
    }
}

fn address<T>(item: &T) -> usize {
    item as *const T as usize
}

/// The fingerprint of a Tera value; maps in `known` count by their known
/// fingerprint. Map entries are combined in any order (Tera maps are hash
/// maps whose iteration order differs between equal maps).
pub fn of_value(value: &Value, known: &Known) -> Fingerprint {
    let mut hasher = Fingerprinter::new();
    hash_value(value, known, &mut hasher);
    hasher.finish128()
}

pub fn hash_value(value: &Value, known: &Known, hasher: &mut Fingerprinter) {
    if let Some(fp) = known.get(value) {
        hasher.write_u8(b'K');
        hasher.fingerprint(fp);
    } else if let Some(map) = value.as_map() {
        let mut sum: Fingerprint = 0;
        for (key, item) in map {
            let mut entry = Fingerprinter::new();
            std::hash::Hash::hash(key, &mut entry);
            hash_value(item, known, &mut entry);
            sum = sum.wrapping_add(entry.finish128());
        }
        hasher.write_u8(b'M');
        hasher.fingerprint(sum);
    } else if let Some(items) = value.as_array() {
        hasher.write_u8(b'A');
        hasher.write_usize(items.len());
        for item in items {
            hash_value(item, known, hasher);
        }
    } else if let Some(s) = value.as_str() {
        hasher.write_u8(if value.is_safe() { b'S' } else { b's' });
        hasher.str(s);
    } else if let Some(bytes) = value.as_bytes() {
        hasher.write_u8(b'B');
        hasher.write_usize(bytes.len());
        hasher.write(bytes);
    } else {
        // Numbers, booleans, none and undefined: their kind and display form.
        hasher.write_u8(b'O');
        std::hash::Hash::hash(&value.kind(), hasher);
        hasher.str(&value.to_string());
    }
}

/// A serde serializer that feeds a [`Fingerprinter`] instead of building output.
struct HashSerializer<'h>(&'h mut Fingerprinter);

#[derive(Debug)]
struct NeverFails;

impl std::fmt::Display for NeverFails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("fingerprinting failed")
    }
}

impl std::error::Error for NeverFails {}

impl ser::Error for NeverFails {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NeverFails
    }
}

type Done = Result<(), NeverFails>;

macro_rules! hash_scalars {
    ($($method:ident: $ty:ty => $tag:literal, $write:ident;)*) => {
        $(fn $method(self, v: $ty) -> Done {
            self.0.write_u8($tag);
            self.0.$write(v.into());
            Ok(())
        })*
    };
}

/// Tuple and struct variants hash alike: the variant's index, then the
/// fields as a sequence (struct fields add their names as they come).
macro_rules! hash_variants {
    ($($method:ident),*) => {
        $(fn $method(
            self,
            _: &'static str,
            index: u32,
            _: &'static str,
            len: usize,
        ) -> Result<Self, NeverFails> {
            self.0.write_u32(index);
            self.serialize_seq(Some(len))
        })*
    };
}

impl<'a, 'h> ser::Serializer for &'a mut HashSerializer<'h> {
    type Ok = ();
    type Error = NeverFails;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = MapHasher<'a, 'h>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    hash_scalars! {
        serialize_bool: bool => 1, write_u8;
        serialize_i8: i8 => 2, write_i64;
        serialize_i16: i16 => 2, write_i64;
        serialize_i32: i32 => 2, write_i64;
        serialize_i64: i64 => 2, write_i64;
        serialize_u8: u8 => 3, write_u64;
        serialize_u16: u16 => 3, write_u64;
        serialize_u32: u32 => 3, write_u64;
        serialize_u64: u64 => 3, write_u64;
        serialize_i128: i128 => 4, write_i128;
        serialize_u128: u128 => 5, write_u128;
        serialize_char: char => 6, write_u32;
    }

    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(v.into())
    }

    fn serialize_f64(self, v: f64) -> Done {
        self.0.write_u8(7);
        self.0.write_u64(v.to_bits());
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Done {
        self.0.write_u8(8);
        self.0.str(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.0.write_u8(9);
        self.0.write_usize(v.len());
        self.0.write(v);
        Ok(())
    }

    fn serialize_none(self) -> Done {
        self.0.write_u8(10);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.0.write_u8(11);
        value.serialize(self)
    }

    fn serialize_unit(self) -> Done {
        self.0.write_u8(12);
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Done {
        self.0.write_u8(13);
        self.0.write_u32(index);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Done {
        self.0.write_u8(14);
        self.0.write_u32(index);
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self, NeverFails> {
        self.0.write_u8(15);
        self.0.write_usize(len.unwrap_or(usize::MAX));
        Ok(self)
    }

    fn serialize_tuple(self, len: usize) -> Result<Self, NeverFails> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, NeverFails> {
        self.serialize_seq(Some(len))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<MapHasher<'a, 'h>, NeverFails> {
        Ok(MapHasher {
            outer: self,
            entry: Fingerprinter::new(),
            sum: 0,
        })
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Self, NeverFails> {
        self.serialize_seq(Some(len))
    }

    hash_variants!(serialize_tuple_variant, serialize_struct_variant);
}

/// Sequences, tuples and structs hash their elements in order; struct
/// fields are preceded by their names.
macro_rules! hash_elements {
    ($($trait:ident::$method:ident($($key:ident)?);)*) => {
        $(impl ser::$trait for &mut HashSerializer<'_> {
            type Ok = ();
            type Error = NeverFails;

            fn $method<T: Serialize + ?Sized>(&mut self, $($key: &'static str,)? value: &T) -> Done {
                $(self.0.str($key);)?
                value.serialize(&mut **self)
            }

            fn end(self) -> Done {
                Ok(())
            }
        })*
    };
}

hash_elements! {
    SerializeSeq::serialize_element();
    SerializeTuple::serialize_element();
    SerializeTupleStruct::serialize_field();
    SerializeTupleVariant::serialize_field();
    SerializeStruct::serialize_field(key);
    SerializeStructVariant::serialize_field(key);
}

/// Hashes each map entry on its own and adds the results, so that maps
/// with a random iteration order (`HashMap`) still fingerprint equally.
struct MapHasher<'a, 'h> {
    outer: &'a mut HashSerializer<'h>,
    entry: Fingerprinter,
    sum: Fingerprint,
}

impl ser::SerializeMap for MapHasher<'_, '_> {
    type Ok = ();
    type Error = NeverFails;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        self.entry = Fingerprinter::new();
        key.serialize(&mut HashSerializer(&mut self.entry))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut HashSerializer(&mut self.entry))?;
        self.sum = self.sum.wrapping_add(self.entry.finish128());
        Ok(())
    }

    fn end(self) -> Done {
        self.outer.0.write_u8(16);
        self.outer.0.fingerprint(self.sum);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};

    #[derive(serde::Serialize)]
    struct View<'a> {
        title: &'a str,
        tags: &'a [&'a str],
        weight: i64,
    }

    #[test]
    fn equal_inputs_equal_fingerprints_and_any_change_shows() {
        let a = View {
            title: "喝水",
            tags: &["健康"],
            weight: 1,
        };
        let same = View { ..a };
        assert_eq!(of_serialize(&a), of_serialize(&same));
        for other in [
            View {
                title: "喝水!", ..a
            },
            View { tags: &[], ..a },
            View { weight: 2, ..a },
        ] {
            assert_ne!(of_serialize(&a), of_serialize(&other));
        }
        // Moving text between adjacent strings changes the fingerprint.
        assert_ne!(of_strs(["ab", "c"]), of_strs(["a", "bc"]));
    }

    #[test]
    fn map_order_does_not_matter() {
        let ordered: BTreeMap<&str, i32> = [("a", 1), ("b", 2), ("c", 3)].into();
        let hashed: HashMap<&str, i32> = ordered.clone().into_iter().collect();
        assert_eq!(of_serialize(&ordered), of_serialize(&hashed));
        let v1 = Value::from_serializable(&ordered);
        let v2 = Value::from_serializable(&hashed);
        assert_eq!(of_value(&v1, &Known::default()), of_value(&v2, &Known::default()));
    }

    #[test]
    fn known_values_count_by_identity() {
        let page = Value::from_serializable(&BTreeMap::from([("title", "喝水")]));
        let list = Value::from(vec![page.clone(), page.clone()]);
        let mut known = Known::default();
        let before = of_value(&list, &known);
        known.insert(&page, 42);
        let with_known = of_value(&list, &known);
        assert_ne!(before, with_known);
        let mut other = Known::default();
        other.insert(&page, 43);
        assert_ne!(with_known, of_value(&list, &other));
        assert_ne!(
            of_value(&Value::from("1"), &known),
            of_value(&Value::from(1), &known)
        );
    }
}
