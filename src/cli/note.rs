//! `bearing note add|list|show|edit|delete`. A note's text is confidential: messages name
//! the note by id, person and date, never by its text.

use clap::{Args, Subcommand};

use super::args::ListFormat;
use super::object::{self, DeleteArgs, ShowArgs, require_a_flag, retrying};
use super::one_on_one::{self, person};
use super::topic::edited_text;
use super::{CliError, Context};
use crate::ops::objects::Object;
use crate::ops::objects::note::{Note, NoteFilter};
use crate::ops::one_on_ones;

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a dated note (TEXT "-" reads standard input)
    Add {
        person: String,
        /// The 1:1's date (default: today)
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
        text: String,
    },
    /// List notes, newest first
    List(NoteListArgs),
    /// Show one note
    Show(ShowArgs),
    /// Change a note's date or text
    Edit {
        #[arg(value_name = "ID")]
        id: String,
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
        /// The new text ("-" reads standard input)
        #[arg(long)]
        text: Option<String>,
    },
    /// Delete a note
    Delete(DeleteArgs),
}

#[derive(Debug, Args)]
pub struct NoteListArgs {
    /// Only this person's (id or name)
    #[arg(long)]
    pub person: Option<String>,
    /// Only notes dated on or after this day
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only the newest N
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

pub fn run(ctx: &Context, cmd: NoteCommand) -> Result<(), CliError> {
    match cmd {
        NoteCommand::Add { person, date, text } => {
            one_on_one::add_note(ctx, &person, date.as_deref(), &text)
        }
        NoteCommand::List(args) => {
            let since = args
                .since
                .as_deref()
                .map(|d| ctx.date("--since", d))
                .transpose()?;
            let store = ctx.read()?;
            let filter = NoteFilter {
                person: args
                    .person
                    .as_deref()
                    .map(|p| person(&store, p).map(|p| p.id))
                    .transpose()?,
                since,
                limit: args.limit,
            };
            let filtered = filter.person.is_some() || since.is_some();
            object::list::<Note>(ctx, &store, &filter, filtered, args.format)
        }
        NoteCommand::Show(args) => object::show::<Note>(ctx, &args),
        NoteCommand::Edit { id, date, text } => edit(ctx, &id, date.as_deref(), text.as_deref()),
        NoteCommand::Delete(args) => object::delete::<Note>(ctx, &args),
    }
}

fn edit(ctx: &Context, id: &str, date: Option<&str>, text: Option<&str>) -> Result<(), CliError> {
    require_a_flag(&[("--date", date.is_some()), ("--text", text.is_some())])?;
    let date = date.map(|d| ctx.date("--date", d)).transpose()?;
    let text = edited_text(text)?;
    let mut store = ctx.open_existing()?;
    let id = object::find::<Note>(&store, id)?;
    let saved = retrying(|| {
        let opened = Note::get(&store, id, ctx.now())?.note;
        let body = text.clone().unwrap_or_else(|| opened.body.clone());
        Ok(one_on_ones::update_note(
            &mut store,
            id,
            date.unwrap_or(opened.date),
            &body,
            Some(&opened),
            ctx.now(),
        ))
    })?;
    if saved.changed {
        say!("Updated note {id}.")
    } else {
        say!("Note {id} already has these values: nothing changed.")
    }
}
