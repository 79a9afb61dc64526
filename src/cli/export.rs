//! `bearing export --format json|md|ics [--section S] [-o FILE]` and `bearing import FILE`.

use std::io::Read;
use std::path::Path;

use super::args::{ExportArgs, ExportFormat, ExportSection};
use super::{CliError, Context, output};
use crate::domain::terminal_safe::terminal_safe;
use crate::ops::export::ics_export;
use crate::ops::json::{json_export, json_import, read_export};
use crate::ops::markdown::{Section, document};
use crate::output_file::{Policy, write_file};

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<(), CliError> {
    if args.section.is_some() && args.format != ExportFormat::Md {
        return Err(CliError::usage(
            "--section works only with --format md (JSON and ICS always hold everything)",
        ));
    }
    let store = ctx.open()?;
    let text = match args.format {
        ExportFormat::Json => json_export(&store)?,
        // Made safe for a terminal here, so the file holds what the screen would show.
        ExportFormat::Md => terminal_safe(&document(
            &store,
            args.section.map(section),
            ctx.config.week_start,
            ctx.now(),
        )?)
        .into_owned(),
        ExportFormat::Ics => ics_export(&store, ctx.now())?,
    };
    match &args.output {
        None => output::document(&text),
        Some(path) => {
            let policy = Policy {
                replace: args.force,
                database: Some(store.path()),
            };
            write_file(path, text.as_bytes(), policy)?;
            note!("Wrote {}.", path.display());
            Ok(())
        }
    }
}

pub fn import(ctx: &Context, file: &Path) -> Result<(), CliError> {
    let mut text = String::new();
    let read = if file == Path::new("-") {
        std::io::stdin().read_to_string(&mut text)
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_string(&mut text))
    };
    read.map_err(|e| CliError::usage(format!("cannot read {}: {e}", file.display())))?;
    let export = read_export(&text, &file.display().to_string())?;
    let mut store = ctx.open()?;
    let summary = json_import(&mut store, &export)?;
    let parts: Vec<String> = summary
        .tables
        .iter()
        .map(|(table, n)| format!("{n} {table}"))
        .collect();
    say!(
        "Imported {} rows into {}{}.",
        summary.rows,
        store.path().display(),
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        }
    )?;
    Ok(())
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
