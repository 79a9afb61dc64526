//! The TOML config file, key overrides checked as when Bearing reads it.
#![no_main]

use bearing::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = Config::parse_checked(text, bearing::tui::keymap::check_binding);
});
