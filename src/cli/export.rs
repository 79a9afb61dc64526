//! `bearing export --format md|ics [--section S] [-o FILE]`.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;

use super::args::{ExportArgs, ExportFormat, ExportSection};
use super::{CliError, Context};
use crate::ops::export::ics_export;
use crate::ops::markdown::{Section, document};

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<(), CliError> {
    if args.section.is_some() && args.format != ExportFormat::Md {
        return Err(CliError::usage(
            "--section works only with --format md (ICS always holds every ritual)",
        ));
    }
    let store = ctx.open()?;
    let text = match args.format {
        ExportFormat::Md => document(
            &store,
            args.section.map(section),
            ctx.config.week_start,
            ctx.now(),
        )?,
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

fn section(s: ExportSection) -> Section {
    match s {
        ExportSection::Plan => Section::Plan,
        ExportSection::Rituals => Section::Rituals,
        ExportSection::People => Section::People,
        ExportSection::Risks => Section::Risks,
        ExportSection::Week => Section::Week,
    }
}
