//! `bearing import-ics FILE [--name NAME]` and `bearing import-ics --remove NAME`.

use std::path::Path;

use super::args::ImportIcsArgs;
use super::{CliError, Context};
use crate::ops::OpsError;
use crate::ops::calendar::{import_ics, remove_calendar};

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
    let bytes =
        std::fs::read(file).map_err(|e| CliError::usage(format!("cannot read {shown}: {e}")))?;
    let text = String::from_utf8_lossy(&bytes);
    let source = match &args.name {
        Some(name) => crate::domain::text::required_line("name", name)
            .map_err(|e| CliError::usage(format!("--name: {e}")))?,
        None => canonical(file),
    };
    let mut store = ctx.open()?;
    let summary =
        import_ics(&mut store, &source, &text, ctx.now(), &chrono::Local).map_err(|e| match e {
            OpsError::Invalid(why) => {
                CliError::usage(format!("cannot import {shown}: {why}; nothing was changed"))
            }
            other => other.into(),
        })?;
    say!(
        "Imported {} events ({} recurring) from {shown}; replaced {}.",
        summary.events,
        summary.recurring,
        summary.replaced
    )?;
    if summary.unknown_zone_events > 0 {
        note!(
            "Note: {} events use time zones Bearing does not know ({}); their times were read \
             as local time.",
            summary.unknown_zone_events,
            summary.unknown_zones.join(", ")
        );
    }
    if !summary.unexpanded.is_empty() {
        note!(
            "Note: these repeat in a way Bearing cannot follow; only their first time is shown: {}.",
            summary.unexpanded.join(", ")
        );
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
