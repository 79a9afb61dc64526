//! `bearing person health PERSON [--morale N --flight-risk R [--note T] [--date D]]`: record a
//! private health read, or show a person's reads.

use clap::Args;

use super::args::ListFormat;
use super::object::{self, flagged};
use super::output::{print_json, print_table};
use super::{CliError, Context};
use crate::domain::Word;
use crate::domain::health::FlightRisk;
use crate::ops::health::{add_health_read, health_history};
use crate::ops::objects::person::Person;

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Whose health read (id or name)
    #[arg(value_name = "ID|NAME")]
    pub person: String,
    /// Record a read: morale from 1 (low) to 5 (high) (needs --flight-risk)
    #[arg(long, requires = "flight_risk")]
    pub morale: Option<i64>,
    /// Record a read: flight risk low, medium or high (needs --morale)
    #[arg(long, requires = "morale")]
    pub flight_risk: Option<String>,
    /// A note with the read
    #[arg(long, requires = "morale", default_value = "")]
    pub note: String,
    /// The read's date (default: today)
    #[arg(long, requires = "morale", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// How to show the reads (without --morale)
    #[arg(long, value_enum, default_value = "text", conflicts_with = "morale")]
    pub format: ListFormat,
}

pub fn health(ctx: &Context, args: &HealthArgs) -> Result<(), CliError> {
    let (Some(morale), Some(risk)) = (args.morale, &args.flight_risk) else {
        return show(ctx, args);
    };
    let risk = FlightRisk::parse(risk)
        .map_err(|e| CliError::usage(format!("--flight-risk: {}", e.message)))?;
    let date = match &args.date {
        Some(d) => ctx.date("--date", d)?,
        None => ctx.today(),
    };
    let mut store = ctx.open_existing()?;
    let id = object::find::<Person>(&store, &args.person)?;
    let read = add_health_read(&mut store, id, date, morale, risk, &args.note).map_err(flagged)?;
    say!(
        "Saved a private health read for person {id} on {} (read {read}).",
        date.format("%a %Y-%m-%d")
    )
}

fn show(ctx: &Context, args: &HealthArgs) -> Result<(), CliError> {
    let store = ctx.read()?;
    let id = object::find::<Person>(&store, &args.person)?;
    let reads = health_history(&store, id)?;
    match args.format {
        ListFormat::Json => print_json(&reads),
        ListFormat::Text if reads.is_empty() => say!(
            "No health reads yet. Record one with: bearing person health {id} --morale 1-5 \
             --flight-risk low|medium|high"
        ),
        ListFormat::Text => {
            let rows: Vec<Vec<String>> = reads
                .iter()
                .map(|r| {
                    vec![
                        r.date.format("%Y-%m-%d").to_string(),
                        format!("{}/5", r.morale),
                        r.flight_risk.to_string(),
                        r.note.replace('\n', " "),
                    ]
                })
                .collect();
            print_table(&["DATE", "MORALE", "FLIGHT RISK", "NOTE"], &rows)
        }
    }
}
