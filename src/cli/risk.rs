//! `bearing risk add|list|show|edit|review|delete` (`update` is `edit`).

use super::args::{
    RiskAddArgs, RiskCommand, RiskDetails, RiskListArgs, RiskReviewArgs, RiskSortArg,
    RiskUpdateArgs,
};
use super::object::{self, retrying};
use super::{CliError, Context};
use crate::domain::Invalid;
use crate::domain::Word;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::domain::risk::{Category, Response, Risk, RiskDraft, RiskStatus};
use crate::domain::risk_list::RiskSort;
use crate::ops::OpsError;
use crate::ops::objects::risk::{Risk as RiskObject, RiskFilter};
use crate::ops::risks::{self, RiskReview, SavedRisk};

pub fn run(ctx: &Context, cmd: RiskCommand) -> Result<(), CliError> {
    match cmd {
        RiskCommand::Add(args) => add(ctx, args),
        RiskCommand::Edit(args) => update(ctx, args),
        RiskCommand::List(args) => list(ctx, &args),
        RiskCommand::Show(args) => object::show::<RiskObject>(ctx, &args),
        RiskCommand::Delete(args) => object::delete::<RiskObject>(ctx, &args),
        RiskCommand::Review(args) => review(ctx, &args),
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
    if d.owner.is_some() {
        // A new owner: linked again by name when saved (a person's exact name), else text.
        draft.owner_id = None;
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
    let linked = super::link::flagged_links(&store, &args.links)?;
    let saved = risks::add_risk(&mut store, draft, &ctx.config.risk_review_days, ctx.now())
        .map_err(flagged)?;
    say!("Added risk {}: {}.", saved.risk.id, summary(&saved.risk))?;
    warn(&saved);
    let added = ObjectRef::new(LinkKind::Risk, saved.risk.id);
    super::link::link_added(ctx, &mut store, added, &linked)
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
    let mut store = ctx.open_existing()?;
    let id = object::find::<RiskObject>(&store, &args.risk)?;
    let note = args.note.as_deref().unwrap_or("");
    // The flags apply to the risk as it is when written: read, apply, and write only if nobody
    // saved in between (a cockpit's edit must not be overwritten with what was read before it),
    // else read again.
    let mut before = risks::get_risk(&store, id)?;
    let saved = retrying(|| {
        before = risks::get_risk(&store, id)?;
        let draft = with_flags(ctx, &before, &args)?;
        Ok(risks::update_risk(
            &mut store,
            id,
            draft,
            note,
            Some(&before.fields),
            &ctx.config.risk_review_days,
            ctx.now(),
        ))
    })?;
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

fn list(ctx: &Context, args: &RiskListArgs) -> Result<(), CliError> {
    let filter = RiskFilter {
        status: args
            .status
            .as_deref()
            .map(|s| {
                RiskStatus::parse(s)
                    .map_err(|e| CliError::usage(format!("--status: {}", e.message)))
            })
            .transpose()?,
        category: args
            .category
            .as_deref()
            .map(|c| Category::parse(c).map_err(invalid))
            .transpose()?,
        overdue: args.overdue,
        sort: match args.sort {
            RiskSortArg::Score => RiskSort::Score,
            RiskSortArg::Review => RiskSort::Review,
            RiskSortArg::Category => RiskSort::Category,
            RiskSortArg::Owner => RiskSort::Owner,
        },
    };
    let filtered = filter.status.is_some() || filter.category.is_some() || filter.overdue;
    let store = ctx.read()?;
    object::list::<RiskObject>(ctx, &store, &filter, filtered, args.format)
}

/// `risk review`: the score confirmed or changed, the note, the next review.
fn review(ctx: &Context, args: &RiskReviewArgs) -> Result<(), CliError> {
    let next_review = args
        .next
        .as_deref()
        .map(|d| ctx.date("--next", d))
        .transpose()?;
    let accept_expiry = args
        .accept_expiry
        .as_deref()
        .map(|d| ctx.date("--accept-expiry", d))
        .transpose()?;
    let mut store = ctx.open_existing()?;
    let id = object::find::<RiskObject>(&store, &args.risk)?;
    let mut before = risks::get_risk(&store, id)?;
    let saved = retrying(|| {
        before = risks::get_risk(&store, id)?;
        let review = RiskReview {
            likelihood: args
                .likelihood
                .unwrap_or(i64::from(before.fields.score.likelihood)),
            impact: args.impact.unwrap_or(i64::from(before.fields.score.impact)),
            note: args.note.clone(),
            next_review,
            accept_expiry,
        };
        Ok(risks::review_risk(
            &mut store,
            id,
            review,
            Some(&before.fields),
            &ctx.config.risk_review_days,
            ctx.now(),
        ))
    })?;
    say!("Reviewed risk {id}: {}.", summary(&saved.risk))?;
    warn(&saved);
    Ok(())
}
