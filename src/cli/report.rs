//! `bearing report week`: the weekly digest as Markdown (to paste) or JSON (for scripts).

use super::args::{PrepFormat, ReportCommand};
use super::output::{document, print_json};
use super::{CliError, Context};
use crate::ops::markdown::report::report_markdown;
use crate::ops::report::week_report;

pub fn run(ctx: &Context, cmd: ReportCommand) -> Result<(), CliError> {
    let ReportCommand::Week(args) = cmd;
    let day = match &args.from {
        Some(text) => ctx.date("--from", text)?,
        None => ctx.today(),
    };
    let store = ctx.read()?;
    let report = week_report(&store, day, ctx.config.week_start, ctx.now())?;
    match args.format {
        PrepFormat::Json => print_json(&report),
        PrepFormat::Md => document(&report_markdown(&report)),
    }
}
