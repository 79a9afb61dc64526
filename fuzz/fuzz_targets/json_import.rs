//! `bearing import FILE`: reading an export and loading it into an empty database.
#![no_main]

use bearing::ops::json::{json_import, read_export};
use bearing::store::Store;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let (Ok(export), Ok(mut store)) = (read_export(text, "fuzz.json"), Store::open_in_memory()) {
        let _ = json_import(&mut store, &export);
    }
});
