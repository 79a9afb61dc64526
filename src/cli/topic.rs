//! `bearing topic add|list|show|edit|delete|done|reopen`.

use clap::{Args, Subcommand};

use super::args::ListFormat;
use super::object::{self, DeleteArgs, ShowArgs, Tick, require_a_flag, retrying};
use super::one_on_one::{self, person, text_arg};
use super::{CliError, Context};
use crate::domain::one_on_one::check_text;
use crate::ops::objects::Object;
use crate::ops::objects::topic::{Topic, TopicFilter};
use crate::ops::topics;

#[derive(Debug, Subcommand)]
pub enum TopicCommand {
    /// Queue a talking point (TEXT "-" reads standard input)
    Add { person: String, text: String },
    /// List talking points: the queues by default
    List(TopicListArgs),
    /// Show one talking point
    Show(ShowArgs),
    /// Change a talking point's text or the person whose queue it is in
    Edit {
        #[arg(value_name = "ID")]
        id: String,
        /// The new text ("-" reads standard input)
        #[arg(long)]
        text: Option<String>,
        /// Move it to this person's queue (id or name)
        #[arg(long)]
        person: Option<String>,
    },
    /// Delete a talking point
    Delete(DeleteArgs),
    /// Mark talking points discussed (they leave the queue)
    Done {
        #[arg(value_name = "ID", required = true)]
        ids: Vec<String>,
    },
    /// Put discussed talking points back in the queue
    Reopen {
        #[arg(value_name = "ID", required = true)]
        ids: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct TopicListArgs {
    /// Only this person's (id or name)
    #[arg(long)]
    pub person: Option<String>,
    /// Discussed ones instead of the queue
    #[arg(long, conflicts_with = "all")]
    pub discussed: bool,
    /// Queued and discussed
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

pub fn run(ctx: &Context, cmd: TopicCommand) -> Result<(), CliError> {
    match cmd {
        TopicCommand::Add { person, text } => one_on_one::add_topic(ctx, &person, &text),
        TopicCommand::List(args) => {
            let store = ctx.read()?;
            let filter = TopicFilter {
                person: args
                    .person
                    .as_deref()
                    .map(|p| person(&store, p).map(|p| p.id))
                    .transpose()?,
                discussed: if args.all { None } else { Some(args.discussed) },
            };
            let filtered = filter.person.is_some() || args.discussed;
            object::list::<Topic>(ctx, &store, &filter, filtered, args.format)
        }
        TopicCommand::Show(args) => object::show::<Topic>(ctx, &args),
        TopicCommand::Edit {
            id,
            text,
            person: who,
        } => edit(ctx, &id, text.as_deref(), who.as_deref()),
        TopicCommand::Delete(args) => object::delete::<Topic>(ctx, &args),
        TopicCommand::Done { ids } => tick(ctx, &ids, true),
        TopicCommand::Reopen { ids } => tick(ctx, &ids, false),
    }
}

/// The `--text` of an edit: standard input for "-", checked like any long text.
pub(super) fn edited_text(text: Option<&str>) -> Result<Option<String>, CliError> {
    text.map(|t| {
        let t = text_arg(t, "topic")?;
        check_text("text", &t).map_err(|e| CliError::usage(format!("--text: {}", e.message)))
    })
    .transpose()
}

fn edit(ctx: &Context, id: &str, text: Option<&str>, who: Option<&str>) -> Result<(), CliError> {
    require_a_flag(&[("--text", text.is_some()), ("--person", who.is_some())])?;
    let text = edited_text(text)?;
    let mut store = ctx.open_existing()?;
    let id = object::find::<Topic>(&store, id)?;
    let person_id = who.map(|w| person(&store, w).map(|p| p.id)).transpose()?;
    let saved = retrying(|| {
        let opened = Topic::get(&store, id, ctx.now())?.topic;
        let body = text.clone().unwrap_or_else(|| opened.body.clone());
        let person_id = person_id.unwrap_or(opened.person_id);
        Ok(topics::update_topic(
            &mut store,
            id,
            person_id,
            &body,
            Some(&opened),
        ))
    })?;
    if saved.changed {
        say!("Updated talking point {id}.")
    } else {
        say!("Talking point {id} already has these values: nothing changed.")
    }
}

/// `topic done|reopen ID…`: all in one transaction.
fn tick(ctx: &Context, ids: &[String], discussed: bool) -> Result<(), CliError> {
    let words = if discussed {
        Tick {
            noun: "talking point",
            changed: "Marked discussed",
            already: "already discussed",
        }
    } else {
        Tick {
            noun: "talking point",
            changed: "Back in the queue",
            already: "already queued",
        }
    };
    object::tick::<Topic>(ctx, ids, &words, |store, ids, now| {
        topics::set_many_discussed(store, ids, discussed, now)
    })
}
