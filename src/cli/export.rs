//! `bearing export --format json|md|ics [--section S] [-o FILE]` and `bearing import FILE`.

use std::path::Path;

use super::args::{ExportArgs, ExportFormat, ExportSection};
use super::{CliError, Context, output};
use crate::domain::terminal_safe::terminal_safe;
use crate::limited_read::{Limited, read_limited};
use crate::ops::export::ics_export;
use crate::ops::json::{MAX_IMPORT_BYTES, json_export, json_import_as_of, read_export};
use crate::ops::markdown::{DocumentOptions, Section, document};
use crate::output_file::{Policy, write_file};

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<(), CliError> {
    if args.include_private && args.format != ExportFormat::Md {
        return Err(CliError::usage(
            "--include-private works only with --format md (a JSON export always holds \
             everything, to restore from)",
        ));
    }
    if args.section.is_some() && args.format != ExportFormat::Md {
        return Err(CliError::usage(
            "--section works only with --format md (JSON and ICS always hold everything)",
        ));
    }
    let store = ctx.read()?;
    let text = match args.format {
        ExportFormat::Json => json_export(&store)?,
        // Made safe for a terminal here, so the file holds what the screen would show.
        ExportFormat::Md => terminal_safe(&document(
            &store,
            args.section.map(section),
            DocumentOptions {
                week_start: ctx.config.week_start,
                lead_days: ctx.config.radar_lead_days,
                skip_level_weeks: ctx.config.skip_level_weeks,
                include_private: args.include_private,
            },
            ctx.now(),
        )?)
        .into_owned(),
        ExportFormat::Ics => ics_export(&store, ctx.now())?,
    };
    match &args.output {
        None if args.format == ExportFormat::Json => output::json_document(&text),
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
    let shown = file.display();
    let read = if file == Path::new("-") {
        super::stdio::read_stdin(MAX_IMPORT_BYTES)
    } else {
        std::fs::File::open(file).and_then(|f| read_limited(f, MAX_IMPORT_BYTES))
    };
    let bytes = match read.map_err(|e| CliError::usage(format!("cannot read {shown}: {e}")))? {
        Limited::Within(bytes) => bytes,
        Limited::Over => {
            return Err(CliError::usage(format!(
                "cannot import {shown}: it is larger than {} MB, the most Bearing imports (the \
                 export of three years of a large organisation, `bearing demo --size large`, is \
                 15 MB); nothing was changed",
                MAX_IMPORT_BYTES / (1024 * 1024)
            )));
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| {
        CliError::usage(format!(
            "cannot import {shown}: it is not UTF-8 text, so not a Bearing export; nothing was \
             changed"
        ))
    })?;
    let export = read_export(&text, &shown.to_string())?;
    let mut store = ctx.open_unjournaled()?;
    let summary = json_import_as_of(&mut store, &export, Some(ctx.now().date()))?;
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
        ExportSection::Decisions => Section::Decisions,
        ExportSection::Scorecard => Section::Scorecard,
        ExportSection::Week => Section::Week,
    }
}
