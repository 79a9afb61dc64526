//! Packs the `bearing` binary's relative relocations (`DT_RELR`) where the linker and the C
//! library both support it: the release binary carries about 42,000 of them, which the
//! dynamic loader otherwise reads from a 1 MB table at every start, and that table stayed
//! resident (BENCHMARKS.md, twenty-first pass: 1.1 MB less resident memory on ten years of data).
//!
//! The linker (GNU ld 2.38 or newer, lld 15) and the loader (glibc 2.36 or newer) must both
//! know the format, and a binary linked with it does not start on an older glibc. So the flag
//! is set only when a small C program linked with it here also runs here: never when
//! cross-compiling, and never on a system that would warn about it or fail.

// Cargo reads a build script's directives from its standard output: `println!` is the way.
#![allow(clippy::disallowed_macros)]

use std::path::PathBuf;
use std::process::{Command, Stdio};

const FLAG: &str = "-Wl,-z,pack-relative-relocs";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CC");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let (target, host) = (var("TARGET"), var("HOST"));
    if target == host && target.ends_with("-linux-gnu") && packs_and_runs() {
        println!("cargo::rustc-link-arg-bins={FLAG}");
    }
}

/// Whether a program with relative relocations links with [`FLAG`] without a word from the
/// linker, and then runs.
fn packs_and_runs() -> bool {
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        return false;
    };
    let (source, program) = (out.join("relr_probe.c"), out.join("relr_probe"));
    // Pointers in initialised data: relative relocations in a position-independent program.
    let code = "static int a, b;\nint *p[] = {&a, &b};\nint main(void) { return *p[0] + *p[1]; }\n";
    if std::fs::write(&source, code).is_err() {
        return false;
    }
    let compiler = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
    // An older linker ignores the flag with a warning and exits 0: a warning counts as "no".
    let linked = Command::new(compiler)
        .args(["-pie", "-fPIE", FLAG, "-o"])
        .arg(&program)
        .arg(&source)
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|out| out.status.success() && out.stderr.is_empty());
    linked
        && Command::new(&program)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
}
