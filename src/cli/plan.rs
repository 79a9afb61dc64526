//! `bearing goal add|checkin`, `bearing plan [start DATE]`.

use super::args::{GoalCommand, ListFormat, PlanArgs, PlanCommand};
use super::output::{document, print_json};
use super::{CliError, Context};
use crate::domain::Word;
use crate::domain::plan::{Confidence, GoalFields, GoalStatus, parse_phase};
use crate::ops::OpsError;
use crate::ops::plan::{self, PlanView};

fn flagged(e: OpsError) -> CliError {
    match &e {
        OpsError::Invalid(i) => match i.field {
            Some(field) => CliError::usage(format!("--{field}: {}", i.message)),
            None => CliError::usage(i.message.clone()),
        },
        _ => e.into(),
    }
}

pub fn goal(ctx: &Context, cmd: GoalCommand) -> Result<(), CliError> {
    match cmd {
        GoalCommand::Add {
            phase,
            title,
            due,
            criteria,
            description,
        } => {
            let phase = parse_phase(&phase)
                .map_err(|e| CliError::usage(format!("--phase: {}", e.message)))?;
            let due = due.map(|d| ctx.date("--due", &d)).transpose()?;
            let mut store = ctx.open()?;
            let fields = GoalFields {
                phase,
                title,
                description,
                criteria,
                status: GoalStatus::Todo,
                progress: 0,
                confidence: Confidence::OnTrack,
                due,
                person_id: None,
                measure: None,
            };
            let g = plan::add_goal(&mut store, fields, ctx.now()).map_err(flagged)?;
            say!(
                "Added goal {} to {}: {}.",
                g.id,
                crate::domain::plan::phase_label(g.fields.phase),
                g.fields.title
            )?;
            Ok(())
        }
        GoalCommand::Checkin {
            id,
            progress,
            confidence,
            note,
        } => {
            let confidence = confidence
                .map(|c| {
                    Confidence::parse(&c)
                        .map_err(|e| CliError::usage(format!("--confidence: {}", e.message)))
                })
                .transpose()?;
            let mut store = ctx.open()?;
            let g = plan::checkin(&mut store, id, progress, confidence, &note, None, ctx.now())
                .map_err(flagged)?;
            say!(
                "Checked in \"{}\": {}% ({}).",
                g.fields.title,
                g.fields.progress,
                g.fields.confidence.label()
            )?;
            Ok(())
        }
    }
}

pub fn plan(ctx: &Context, args: &PlanArgs) -> Result<(), CliError> {
    if let Some(PlanCommand::Start { date }) = &args.command {
        let start = ctx.date("DATE", date)?;
        let mut store = ctx.open()?;
        plan::start_plan(&mut store, start, None, ctx.now())?;
        say!("The plan starts on {}.", start.format("%a %Y-%m-%d"))?;
        return Ok(());
    }
    let store = ctx.open()?;
    let view = plan::plan_view(&store, ctx.today())?;
    match args.format {
        ListFormat::Json => print_json(&view),
        ListFormat::Text => document(&text(&view)),
    }
}

fn text(view: &PlanView) -> String {
    let (Some(start), Some(day)) = (view.start, view.day) else {
        return "No plan yet. Start one with `bearing plan start DATE`, or load the director starter with `bearing init --template director`.\n".into();
    };
    let mut out = format!(
        "30/60/90-day plan from {} — {}\n",
        start.format("%a %-d %b %Y"),
        day.describe()
    );
    for phase in view.phases.iter().filter(|p| !p.goals.is_empty()) {
        out.push_str(&format!(
            "\n{} ({} – {}): {:.0}% of goals done\n",
            phase.label,
            phase.start.format("%-d %b"),
            phase.end.format("%-d %b"),
            phase.done_share * 100.0
        ));
        for g in &phase.goals {
            let f = &g.goal.fields;
            let flag = if g.behind { "  BEHIND" } else { "" };
            out.push_str(&format!(
                "  {:>3}  [{:<7}] {:>3}%  {}  (due {}, {}){flag}\n",
                g.goal.id,
                f.status.as_str(),
                f.progress,
                f.title,
                g.due_on.format("%-d %b"),
                f.confidence.label()
            ));
        }
    }
    let behind: Vec<&str> = view
        .behind()
        .map(|g| g.goal.fields.title.as_str())
        .collect();
    if !behind.is_empty() {
        out.push_str(&format!("\nBehind schedule: {}\n", behind.join("; ")));
    }
    out
}
