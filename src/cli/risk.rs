//! `bearing risk add|update|list`.

use super::args::{ListFormat, RiskAddArgs, RiskCommand, RiskDetails, RiskSortArg, RiskUpdateArgs};
use super::output::{print_json, print_table};
use super::{CliError, Context};
use crate::domain::Invalid;
use crate::domain::risk::{Category, Response, Risk, RiskDraft, RiskStatus};
use crate::domain::risk_list::{RiskSort, sort_risks};
use crate::ops::OpsError;
use crate::ops::risks::{self, RiskReport, SavedRisk};

/// Titles longer than this are cut in the text list; JSON has them whole.
const TITLE_COLUMN: usize = 60;

pub fn run(ctx: &Context, cmd: RiskCommand) -> Result<(), CliError> {
    match cmd {
        RiskCommand::Add(args) => add(ctx, args),
        RiskCommand::Update(args) => update(ctx, args),
        RiskCommand::List { format, sort } => list(ctx, format, sort),
    }
}

/// Names the flag at fault: a form field "accept_reason" is the flag `--accept-reason`.
fn flagged(e: OpsError) -> CliError {
    match e {
        OpsError::Invalid(i) => invalid(i),
        other => other.into(),
    }
}

fn invalid(i: Invalid) -> CliError {
    match i.field {
        Some(field) => CliError::usage(format!("--{}: {}", field.replace('_', "-"), i.message)),
        None => CliError::usage(i.message),
    }
}

/// Applies the shared optional flags to a draft.
fn apply(ctx: &Context, draft: &mut RiskDraft, d: &RiskDetails) -> Result<(), CliError> {
    if let Some(c) = &d.category {
        draft.category = Category::parse(c).map_err(invalid)?;
    }
    if let Some(r) = &d.response {
        draft.response = Response::parse(r).map_err(invalid)?;
    }
    for (value, slot) in [
        (&d.owner, &mut draft.owner),
        (&d.mitigation, &mut draft.mitigation),
        (&d.trigger, &mut draft.trigger),
        (&d.accept_reason, &mut draft.accept_reason),
    ] {
        if let Some(v) = value {
            slot.clone_from(v);
        }
    }
    if let Some(r) = &d.review {
        draft.next_review = Some(ctx.date("--review", r)?);
    }
    if let Some(e) = &d.accept_expiry {
        draft.accept_expiry = Some(ctx.date("--accept-expiry", e)?);
    }
    if d.residual_likelihood.is_some() {
        draft.residual_likelihood = d.residual_likelihood;
    }
    if d.residual_impact.is_some() {
        draft.residual_impact = d.residual_impact;
    }
    let acceptance_flag = if d.accept_reason.is_some() {
        Some("--accept-reason")
    } else if d.accept_expiry.is_some() {
        Some("--accept-expiry")
    } else {
        None
    };
    if let Some(flag) = acceptance_flag
        && draft.response != Response::Accept
    {
        return Err(CliError::usage(format!(
            "{flag}: only accepted risks have one; add --response accept (this risk's response is {})",
            draft.response
        )));
    }
    Ok(())
}

fn warn(saved: &SavedRisk) {
    for w in &saved.warnings {
        note!("warning: {w}");
    }
}

fn summary(r: &Risk) -> String {
    let score = r.fields.score;
    let review = match (r.fields.status, r.fields.next_review) {
        (RiskStatus::Closed, _) => "closed".to_string(),
        (_, Some(d)) => format!("next review {}", d.format("%a %-d %b %Y")),
        (_, None) => "no review date".to_string(),
    };
    format!(
        "\"{}\": score {} ({}), {review}",
        r.fields.title,
        score.value(),
        score.band()
    )
}

fn add(ctx: &Context, args: RiskAddArgs) -> Result<(), CliError> {
    let mut draft = RiskDraft {
        title: args.title,
        likelihood: args.likelihood,
        impact: args.impact,
        ..RiskDraft::default()
    };
    apply(ctx, &mut draft, &args.details)?;
    let mut store = ctx.open()?;
    let saved = risks::add_risk(&mut store, draft, &ctx.config.risk_review_days, ctx.now())
        .map_err(flagged)?;
    say!("Added risk {}: {}.", saved.risk.id, summary(&saved.risk))?;
    warn(&saved);
    Ok(())
}

fn nothing_given(args: &RiskUpdateArgs) -> bool {
    let d = &args.details;
    args.title.is_none()
        && args.likelihood.is_none()
        && args.impact.is_none()
        && args.status.is_none()
        && args.note.is_none()
        && d.category.is_none()
        && d.owner.is_none()
        && d.response.is_none()
        && d.review.is_none()
        && d.mitigation.is_none()
        && d.trigger.is_none()
        && d.residual_likelihood.is_none()
        && d.residual_impact.is_none()
        && d.accept_reason.is_none()
        && d.accept_expiry.is_none()
}

fn update(ctx: &Context, args: RiskUpdateArgs) -> Result<(), CliError> {
    if nothing_given(&args) {
        return Err(CliError::usage(
            "nothing to change: give at least one of --title, --likelihood, --impact, --category, \
             --owner, --response, --status, --review, --mitigation, --trigger, \
             --residual-likelihood, --residual-impact, --accept-reason, --accept-expiry, --note",
        ));
    }
    let mut store = ctx.open()?;
    let note = args.note.as_deref().unwrap_or("");
    // The flags apply to the risk as it is when written: read, apply, and write only if nobody
    // saved in between (a cockpit's edit must not be overwritten with what was read before it),
    // else read again.
    let mut attempts = 0;
    let (before, saved) = loop {
        let before = risks::get_risk(&store, args.id)?;
        let draft = with_flags(ctx, &before, &args)?;
        match risks::update_risk(
            &mut store,
            args.id,
            draft,
            note,
            Some(&before.fields),
            &ctx.config.risk_review_days,
            ctx.now(),
        ) {
            Err(OpsError::Stale(_)) if attempts < 3 => attempts += 1,
            result => break (before, result.map_err(flagged)?),
        }
    };
    let r = &saved.value.risk;
    if !saved.changed {
        say!(
            "Risk {} already has these values: nothing changed ({}).",
            r.id,
            summary(r)
        )?;
        return Ok(());
    }
    let change = if r.fields.score == before.fields.score {
        String::new()
    } else {
        format!(
            " (was {}, {})",
            before.fields.score.value(),
            r.trend().as_str()
        )
    };
    say!("Updated risk {}: {}{change}.", r.id, summary(r))?;
    warn(&saved.value);
    Ok(())
}

/// The risk's values with the flags given applied.
fn with_flags(ctx: &Context, risk: &Risk, args: &RiskUpdateArgs) -> Result<RiskDraft, CliError> {
    let mut draft = RiskDraft::from(&risk.fields);
    if let Some(t) = &args.title {
        draft.title.clone_from(t);
    }
    if let Some(l) = args.likelihood {
        draft.likelihood = l;
    }
    if let Some(i) = args.impact {
        draft.impact = i;
    }
    if let Some(s) = &args.status {
        draft.status = RiskStatus::parse(s).map_err(invalid)?;
    }
    apply(ctx, &mut draft, &args.details)?;
    Ok(draft)
}

fn list(ctx: &Context, format: ListFormat, sort: RiskSortArg) -> Result<(), CliError> {
    let store = ctx.open()?;
    let all = risks::list_risks(&store)?;
    let mut shown: Vec<&Risk> = all.iter().collect();
    sort_risks(
        &mut shown,
        match sort {
            RiskSortArg::Score => RiskSort::Score,
            RiskSortArg::Review => RiskSort::Review,
            RiskSortArg::Category => RiskSort::Category,
            RiskSortArg::Owner => RiskSort::Owner,
        },
    );
    let today = ctx.today();
    match format {
        ListFormat::Json => {
            let reports: Vec<RiskReport> =
                shown.iter().map(|r| RiskReport::new(r, today)).collect();
            print_json(&reports)
        }
        ListFormat::Text => {
            if shown.is_empty() {
                say!(
                    "No risks yet. Add one with: bearing risk add --title \"If <cause>, then <effect>\" --likelihood 1-5 --impact 1-5"
                )?;
                return Ok(());
            }
            let rows: Vec<Vec<String>> = shown.iter().map(|r| row(r, today)).collect();
            print_table(
                &[
                    "ID", "SCORE", "BAND", "TREND", "REVIEW", "STATUS", "CATEGORY", "OWNER",
                    "TITLE",
                ],
                &rows,
            )
        }
    }
}

fn row(r: &Risk, today: chrono::NaiveDate) -> Vec<String> {
    let f = &r.fields;
    let review = match (f.status, f.next_review, f.overdue_since(today)) {
        (RiskStatus::Closed, _, _) => "-".to_string(),
        (_, _, Some(since)) if f.acceptance_expired(today) && !f.review_overdue(today) => {
            format!("acceptance expired {since}")
        }
        (_, Some(d), Some(_)) => format!("{d} overdue"),
        (_, Some(d), None) => d.to_string(),
        (_, None, _) => "-".to_string(),
    };
    let mut title: String = f.title.chars().take(TITLE_COLUMN).collect();
    if f.title.chars().count() > TITLE_COLUMN {
        title.push('…');
    }
    vec![
        r.id.to_string(),
        format!("{:>2}", f.score.value()),
        f.score.band().to_string(),
        r.trend().arrow().to_string(),
        review,
        f.status.to_string(),
        f.category.to_string(),
        if f.owner.is_empty() {
            "-".into()
        } else {
            f.owner.clone()
        },
        title,
    ]
}
