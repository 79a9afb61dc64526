//! `bearing import-ics FILE [--name NAME]` and `bearing import-ics --remove NAME`.

use std::path::Path;

use super::args::ImportIcsArgs;
use super::{CliError, Context};
use crate::domain::calendar::printable;
use crate::limited_read::{Limited, read_limited};
use crate::ops::OpsError;
use crate::ops::calendar::{RefusedSeries, import_ics_with, remove_calendar};
use crate::ops::ics_read::{MAX_FILE_BYTES, too_big};

pub fn run(ctx: &Context, args: &ImportIcsArgs) -> Result<(), CliError> {
    if let Some(name) = &args.remove {
        return remove(ctx, name);
    }
    let Some(file) = &args.file else {
        return Err(CliError::usage(
            "import-ics needs a FILE (or --remove NAME)",
        ));
    };
    let shown = file.display();
    let refuse =
        |why: String| CliError::usage(format!("cannot import {shown}: {why}; nothing was changed"));
    let read = std::fs::File::open(file).and_then(|f| read_limited(f, MAX_FILE_BYTES as u64));
    let bytes = match read.map_err(|e| CliError::usage(format!("cannot read {shown}: {e}")))? {
        Limited::Within(bytes) => bytes,
        Limited::Over => return Err(refuse(too_big().to_string())),
    };
    let text = String::from_utf8_lossy(&bytes);
    let source = match &args.name {
        Some(name) => crate::domain::text::required_line("name", name)
            .map_err(|e| CliError::usage(format!("--name: {e}")))?,
        None => canonical(file),
    };
    let refused = if args.skip_refused {
        RefusedSeries::Skip
    } else {
        RefusedSeries::RefuseImport
    };
    let mut store = ctx.open()?;
    let summary = import_ics_with(
        &mut store,
        &source,
        &text,
        ctx.now(),
        &chrono::Local,
        refused,
    )
    .map_err(|e| match e {
        OpsError::Invalid(why) => refuse(why.to_string()),
        other => other.into(),
    })?;
    say!(
        "Imported {} events ({} recurring) from {shown}; replaced {}.",
        summary.events,
        summary.recurring,
        summary.replaced
    )?;
    let listed = |names: &[String]| -> String {
        let names: Vec<String> = names.iter().map(|n| printable(n)).collect();
        names.join(", ")
    };
    if summary.unknown_zone_events > 0 {
        note!(
            "Note: {} events use time zones Bearing does not know ({}); their times were read \
             as local time.",
            summary.unknown_zone_events,
            listed(&summary.unknown_zones)
        );
    }
    if !summary.unexpanded.is_empty() {
        note!(
            "Note: these repeat in a way Bearing cannot follow; only their first time is shown: {}.",
            listed(&summary.unexpanded)
        );
    }
    for r in &summary.refused {
        note!("Skipped event {}: {}.", r.label, r.reason);
    }
    Ok(())
}

fn canonical(file: &Path) -> String {
    std::fs::canonicalize(file)
        .unwrap_or_else(|_| file.to_path_buf())
        .display()
        .to_string()
}

/// Removes by name; a path names the calendar imported from that file without --name.
fn remove(ctx: &Context, name: &str) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    let path = Path::new(name);
    let source = if path.exists() {
        canonical(path)
    } else {
        name.to_string()
    };
    let removed = match remove_calendar(&mut store, &source) {
        Err(_) if source != name => remove_calendar(&mut store, name)?,
        other => other?,
    };
    say!("Removed {removed} events imported as {name}.")?;
    Ok(())
}
