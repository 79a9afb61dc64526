//! Packs the `bearing` binary's relative relocations (`DT_RELR`) where the toolchain that links
//! it and the C library it runs on both support it: the release binary carries about 42,000 of
//! them, which the dynamic loader otherwise reads from a 1 MB table at every start, and that
//! table stayed resident (BENCHMARKS.md, twenty-first pass: 1.1 MB less resident memory on ten
//! years of data).
//!
//! A binary linked so needs glibc 2.36 or newer to start (it asks for `GLIBC_ABI_DT_RELR`), and
//! the linker must know the flag (GNU ld 2.38 or lld 15 or newer; gold refuses it). So the flag
//! is set only when a small Rust program, built here by the same `rustc` with the build's flags
//! and the flag added, builds with nothing on its standard error and then runs: a linker that
//! refuses the flag fails it, a C library too old to start it fails it. (A linker that ignores
//! the flag with a warning may pass, as rustc shows linker warnings only where its
//! `linker-messages` lint is on; it then packs nothing, which is harmless.) The flag is left out
//! when cross-compiling, and when the build names a linker or a sysroot of its own (cargo's
//! `linker` setting, or `linker=` or `sysroot` in the flags): such a toolchain is often made for
//! an older glibc, which the program run here cannot stand for. That test is a heuristic: a
//! link set up otherwise (`-L` or `-B` to an older C library, or flags given to `cargo rustc`
//! alone, which a build script does not see) is not recognised. So a binary meant for other
//! systems than the one it is built on (a CI or container build, say) should be built with
//! `BEARING_NO_PACKED_RELOCATIONS` set, to any value.
//!
//! Cargo runs this again when this file, that variable, the build's flags, `rustc` or the
//! configured linker change; not when the system's linker or C library change in place, after
//! which a build from clean decides again.

// Cargo reads a build script's directives from its standard output: `println!` is the way.
#![allow(clippy::disallowed_macros)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const FLAG: &str = "-Wl,-z,pack-relative-relocs";
const OPT_OUT: &str = "BEARING_NO_PACKED_RELOCATIONS";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed={OPT_OUT}");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let (target, host) = (var("TARGET"), var("HOST"));
    // The build's own flags, as rustc is given them (separated by 0x1f).
    let rustflags: Vec<String> = (var("CARGO_ENCODED_RUSTFLAGS").split('\x1f'))
        .filter(|f| !f.is_empty())
        .map(String::from)
        .collect();
    let own_linker = std::env::var_os("RUSTC_LINKER").is_some()
        || rustflags
            .iter()
            .any(|f| f.contains("linker=") || f.contains("sysroot"));
    if std::env::var_os(OPT_OUT).is_none()
        && target == host
        && target.ends_with("-linux-gnu")
        && !own_linker
        && packs_and_runs(&target, &rustflags)
    {
        println!("cargo::rustc-link-arg-bins={FLAG}");
    }
}

/// Whether a Rust program built with the build's flags and [`FLAG`] links without a word from
/// rustc or the linker, and then runs.
fn packs_and_runs(target: &str, rustflags: &[String]) -> bool {
    let (Some(out), Some(rustc)) = (std::env::var_os("OUT_DIR"), std::env::var_os("RUSTC")) else {
        return false;
    };
    let out = PathBuf::from(out);
    let (source, program) = (out.join("relr_probe.rs"), out.join("relr_probe"));
    // Documented, so that a `missing_docs` lint in the build's flags has nothing to say.
    if std::fs::write(&source, "//! Probe.\nfn main() {}\n").is_err() {
        return false;
    }
    let linked = Command::new(rustc)
        .args(rustflags)
        .args(["--target", target, "--edition", "2021", "-C"])
        .arg(format!("link-arg={FLAG}"))
        .arg("-o")
        .arg(&program)
        .arg(&source)
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|out| out.status.success() && out.stderr.is_empty());
    linked && runs(&program, &out)
}

/// Whether `program` runs and exits 0, in `out`: a program built with coverage or profiling
/// flags writes its profile there, not into the source tree or the build's profile data.
fn runs(program: &Path, out: &Path) -> bool {
    Command::new(program)
        .current_dir(out)
        .env("LLVM_PROFILE_FILE", out.join("relr_probe.profraw"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
