//! `bearing export --format ics [-o FILE]`.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;

use super::args::{ExportArgs, ExportFormat};
use super::{CliError, Context};
use crate::ops::export::ics_export;

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<(), CliError> {
    let store = ctx.open()?;
    let text = match args.format {
        ExportFormat::Ics => ics_export(&store, ctx.now())?,
    };
    match &args.output {
        None => {
            print!("{text}");
            Ok(())
        }
        Some(path) => {
            let write = || -> std::io::Result<()> {
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .create(true)
                    .truncate(true)
                    .mode(0o600)
                    .open(path)?;
                file.write_all(text.as_bytes())?;
                file.sync_all()
            };
            write()
                .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("Wrote {}.", path.display());
            Ok(())
        }
    }
}
