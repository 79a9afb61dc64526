//! `bearing plan [start DATE]`; goals are in `goal.rs`.

use super::args::{ListFormat, PlanArgs, PlanCommand};
use super::output::{document, print_json};
use super::{CliError, Context};
use crate::domain::Word;
use crate::ops::plan::{self, PlanView};

pub fn plan(ctx: &Context, args: &PlanArgs) -> Result<(), CliError> {
    if let Some(PlanCommand::Start { date }) = &args.command {
        let start = ctx.date("DATE", date)?;
        let mut store = ctx.open()?;
        plan::start_plan(&mut store, start, None, ctx.now())?;
        say!("The plan starts on {}.", start.format("%a %Y-%m-%d"))?;
        return Ok(());
    }
    let store = ctx.read()?;
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
            "\n{} ({}): {}% average progress, {} of {} done\n",
            phase.label,
            phase.span(),
            phase.average_progress,
            phase.done,
            phase.counted
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
