//! `bearing report week|month`: the digest as Markdown (to paste) or JSON (for scripts).

use super::args::{PrepFormat, ReportCommand};
use super::output::{document, print_json};
use super::{CliError, Context};
use crate::ops::markdown::report::report_markdown;
use crate::ops::report::{month_report, week_report};

pub fn run(ctx: &Context, cmd: ReportCommand) -> Result<(), CliError> {
    let (ReportCommand::Week(args) | ReportCommand::Month(args)) = &cmd;
    let day = match &args.from {
        Some(text) => ctx.date("--from", text)?,
        None => ctx.today(),
    };
    let store = ctx.read()?;
    let report = match cmd {
        ReportCommand::Week(_) => week_report(&store, day, ctx.config.week_start, ctx.now())?,
        ReportCommand::Month(_) => month_report(&store, day, ctx.now())?,
    };
    match args.format {
        PrepFormat::Json => print_json(&report),
        PrepFormat::Md => document(&report_markdown(&report)),
    }
}
