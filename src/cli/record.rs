//! `bearing person record` (a 1:1 recorded: the note, the topics discussed, new actions, the
//! meeting marked held) and `bearing person context` (dated private context), as the cockpit's
//! `r` and `f` on a person's page do.

use clap::Args;

use super::one_on_one::{person, text_arg};
use super::{CliError, Context};
use crate::domain::Word;
use crate::domain::one_on_one::{ContextKind, parse_action_line};
use crate::ops::markdown::plural;
use crate::ops::one_on_ones::{self, Record};
use crate::store::topics;

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// Who the 1:1 was with (id or name)
    pub person: String,
    /// The 1:1's date (default: today)
    #[arg(long, allow_hyphen_values = true)]
    pub date: Option<String>,
    /// A talking point discussed (its id, see `bearing topic list`); the rest carry forward
    #[arg(long, value_name = "ID")]
    pub discussed: Vec<i64>,
    /// A new action, as "[them:] text [due DATE]"; repeat for several
    #[arg(long, value_name = "LINE")]
    pub action: Vec<String>,
    /// The note ("-" reads standard input)
    pub text: String,
}

#[derive(Debug, Args)]
pub struct ContextArgs {
    /// Whose context (id or name)
    pub person: String,
    /// career, feedback or context
    #[arg(long, default_value = "context")]
    pub kind: String,
    /// Its date (default: today)
    #[arg(long, allow_hyphen_values = true)]
    pub date: Option<String>,
    /// The text ("-" reads standard input)
    pub text: String,
}

pub fn record(ctx: &Context, args: &RecordArgs) -> Result<(), CliError> {
    let date = match &args.date {
        Some(d) => ctx.date("--date", d)?,
        None => ctx.today(),
    };
    let actions = args
        .action
        .iter()
        .map(|line| {
            parse_action_line(line, ctx.today())
                .map_err(|e| CliError::usage(format!("--action: {}", e.message)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let note = text_arg(&args.text, "note")?;
    let mut store = ctx.open_existing()?;
    let p = person(&store, &args.person)?;
    let mut discussed = Vec::new();
    for id in &args.discussed {
        match topics::get(store.conn(), *id)? {
            Some(t) if t.person_id == p.id && t.discussed_at.is_none() => discussed.push(t),
            _ => {
                return Err(CliError::usage(format!(
                    "--discussed: talking point {id} is not in {}'s queue (see `bearing topic list --person {}`)",
                    p.name, p.id
                )));
            }
        }
    }
    let input = Record {
        date,
        meeting: None,
        note,
        discussed,
        done_actions: Vec::new(),
        actions,
    };
    let done = one_on_ones::record(&mut store, p.id, input, ctx.now()).map_err(|e| match e {
        crate::ops::OpsError::Invalid(i) if i.field == Some("note") => {
            CliError::usage(format!("TEXT: {}", i.message))
        }
        other => other.into(),
    })?;
    let held = if done.meeting.is_some() {
        " The meeting is marked held."
    } else {
        ""
    };
    say!(
        "Recorded the 1:1 with {} on {}: note {}, {} discussed, {} added.{held}",
        p.name,
        date.format("%a %Y-%m-%d"),
        done.note_id,
        plural(done.discussed, "talking point"),
        plural(args.action.len(), "action")
    )
}

pub fn context(ctx: &Context, args: &ContextArgs) -> Result<(), CliError> {
    let kind = ContextKind::parse(&args.kind)
        .map_err(|e| CliError::usage(format!("--kind: {}", e.message)))?;
    let date = match &args.date {
        Some(d) => ctx.date("--date", d)?,
        None => ctx.today(),
    };
    let text = text_arg(&args.text, "context")?;
    let mut store = ctx.open_existing()?;
    let p = person(&store, &args.person)?;
    let id =
        one_on_ones::add_context(&mut store, p.id, date, kind, &text).map_err(|e| match e {
            crate::ops::OpsError::Invalid(i) => CliError::usage(format!("TEXT: {}", i.message)),
            other => other.into(),
        })?;
    // "career context", "feedback context", and plain "context" (never "context context").
    let what = match kind.as_str() {
        "context" => "context".to_string(),
        other => format!("{other} context"),
    };
    say!(
        "Saved {what} for {} on {} (entry {id}).",
        p.name,
        date.format("%a %Y-%m-%d")
    )
}
