//! `bearing init --template director`.

use super::args::{InitArgs, Template};
use super::{CliError, Context};
use crate::ops::markdown::plural;
use crate::ops::templates::init_director;

pub fn run(ctx: &Context, args: &InitArgs) -> Result<(), CliError> {
    let start = match &args.start {
        Some(text) => ctx.date("--start", text)?,
        None => ctx.today(),
    };
    let mut store = ctx.open()?;
    match args.template {
        Template::Director => {
            let s = init_director(&mut store, start, ctx.config.week_start, ctx.now())?;
            if s.added.is_empty() && s.one_on_ones.is_empty() && s.goals == 0 && s.metrics == 0 {
                say!(
                    "Nothing to add: the director rituals, plan and scorecard are already there."
                )?;
            }
            if !s.added.is_empty() {
                say!(
                    "Added {}: {}.",
                    plural(s.added.len(), "ritual"),
                    s.added.join(", ")
                )?;
            }
            if !s.kept.is_empty() {
                say!("Already there, left as they are: {}.", s.kept.join(", "))?;
            }
            if !s.one_on_ones.is_empty() {
                say!("Weekly 1:1s added with: {}.", s.one_on_ones.join(", "))?;
            }
            if s.plan_started {
                say!(
                    "The 30/60/90-day plan starts on {}.",
                    start.format("%a %Y-%m-%d")
                )?;
            }
            if s.goals > 0 {
                say!("Added {} starter goals to the plan.", s.goals)?;
            }
            if s.metrics > 0 {
                say!(
                    "Added {} scorecard metrics with example targets (no values yet).",
                    s.metrics
                )?;
            }
            say!(
                "Adjust days and times in the Rituals tab (3), goals in the Plan tab (2) and \
                 targets in the Scorecard of `bearing`."
            )?;
        }
    }
    Ok(())
}
