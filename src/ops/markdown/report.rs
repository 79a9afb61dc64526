//! The weekly (or monthly) digest as Markdown: short, one line per thing, to paste into a
//! status update.

use super::plural;
use crate::domain::metric::{Cadence, Direction, Unit, format_number, shown};
use crate::domain::metric_status::Status;
use crate::domain::one_on_one::Owner;
use crate::domain::plan::phase_label;
use crate::domain::risk_score::RiskScore;
use crate::ops::report::{
    ActionEntry, GoalDelta, MeetingOutcome, Outcome, Report, ReportSpan, RiskChange,
};
use crate::ops::scorecard::MetricLine;

pub fn report_markdown(r: &Report) -> String {
    let (mut out, span) = match r.span {
        ReportSpan::Week => (
            format!(
                "# Week of {} – {}\n\n",
                r.from.format("%a %-d %b"),
                r.to.format("%a %-d %b %Y")
            ),
            "week",
        ),
        ReportSpan::Month => (format!("# {}\n\n", r.from.format("%B %Y")), "month"),
    };
    out.push_str(&format!("{}\n", glance(r)));
    out.push_str("\n## Rituals\n\n");
    // A month holds four Mondays: each meeting names its day ("Mon 2 Nov 10:00").
    let when = match r.span {
        ReportSpan::Week => "%a %H:%M",
        ReportSpan::Month => "%a %-d %b %H:%M",
    };
    out.push_str(&meetings(
        &r.rituals,
        &format!("No rituals this {span}."),
        "Not marked",
        when,
    ));
    out.push_str("\n## 1:1s\n\n");
    out.push_str(&meetings(
        &r.one_on_ones,
        &format!("No 1:1s this {span}."),
        "Missed",
        when,
    ));
    out.push_str("\n## Actions\n\n");
    out.push_str(&actions(r));
    out.push_str("\n## Decisions\n\n");
    out.push_str(&decisions(r));
    out.push_str("\n## Risks\n\n");
    if r.risks_changed.is_empty() && r.risks_opened.is_empty() && r.risks_closed.is_empty() {
        out.push_str("No risks changed score.\n");
    }
    for (word, list) in [("New", &r.risks_opened), ("Closed", &r.risks_closed)] {
        for e in list {
            out.push_str(&format!(
                "- **{word}:** {} (score {}, {})\n",
                one_line(&e.title),
                e.score.value(),
                e.score.band()
            ));
        }
    }
    for c in &r.risks_changed {
        out.push_str(&risk_line(c));
    }
    out.push_str("\n## Goals\n\n");
    if r.goals.is_empty() {
        out.push_str("No goal check-ins.\n");
    }
    for g in &r.goals {
        out.push_str(&goal_line(g));
    }
    // Only for those who keep a scorecard.
    if !r.metrics.is_empty() {
        out.push_str("\n## Metrics\n\n");
    }
    for m in &r.metrics {
        out.push_str(&metric_line(m));
    }
    out
}

/// "- **Deployment frequency**: 12 (target ≥ 10), on target, +2 since last week".
fn metric_line(m: &MetricLine) -> String {
    let value = m
        .value
        .map_or_else(|| "not entered".to_string(), |v| shown(v, m.unit));
    let target = m
        .target
        .map(|t| {
            let sign = match m.direction {
                Direction::Up => "≥",
                Direction::Down => "≤",
            };
            format!(" (target {sign} {})", shown(t, m.unit))
        })
        .unwrap_or_default();
    let status = match m.status {
        Status::Missing => String::new(),
        status => format!(", {}", status.label()),
    };
    let change = m
        .change
        .map(|c| {
            let sign = if c > 0.0 { "+" } else { "" };
            let last = match m.cadence {
                Cadence::Weekly => "week",
                Cadence::Monthly => "month",
                Cadence::Quarterly => "quarter",
            };
            // A change of a percentage is in points: "+4 pts", not "+4%" (which reads as 4% more).
            let unit = match m.unit {
                Unit::Percent => " pts",
                unit => unit.suffix(),
            };
            format!(", {sign}{}{unit} since last {last}", format_number(c))
        })
        .unwrap_or_default();
    format!(
        "- **{}** ({}): {value}{target}{status}{change}\n",
        one_line(&m.name),
        m.period
    )
}

fn count(list: &[MeetingOutcome], outcome: Outcome) -> usize {
    list.iter().filter(|m| m.outcome == outcome).count()
}

/// One line with the week's numbers.
fn glance(r: &Report) -> String {
    let mut parts = Vec::new();
    for (list, noun, unmarked) in [
        (&r.rituals, "ritual", "not marked"),
        (&r.one_on_ones, "1:1", "missed"),
    ] {
        if list.is_empty() {
            continue;
        }
        let mut part = format!(
            "{} of {} held",
            count(list, Outcome::Held),
            plural(list.len(), noun)
        );
        for (outcome, word) in [(Outcome::Skipped, "skipped"), (Outcome::Missed, unmarked)] {
            let n = count(list, outcome);
            if n > 0 {
                part.push_str(&format!(", {n} {word}"));
            }
        }
        parts.push(part);
    }
    let from_meetings = |list: &[ActionEntry]| list.iter().filter(|a| a.meeting.is_some()).count();
    let (opened, closed) = (
        from_meetings(&r.actions_opened),
        from_meetings(&r.actions_closed),
    );
    let meetings = if opened + closed > 0 {
        format!(" ({opened} opened and {closed} closed from meetings)")
    } else {
        String::new()
    };
    parts.push(format!(
        "{} opened, {} closed{meetings}",
        plural(r.actions_opened.len(), "action"),
        r.actions_closed.len()
    ));
    if !r.risks_changed.is_empty() {
        parts.push(format!(
            "{} changed score",
            plural(r.risks_changed.len(), "risk")
        ));
    }
    if !r.goals.is_empty() {
        parts.push(format!("{} checked in", plural(r.goals.len(), "goal")));
    }
    if !r.metrics.is_empty() {
        let count = |s: Status| r.metrics.iter().filter(|m| m.status == s).count();
        let mut part = format!("{} on target", plural(count(Status::OnTarget), "metric"));
        for (status, word) in [
            (Status::Warning, "warning"),
            (Status::OffTarget, "off target"),
            (Status::Missing, "not entered"),
        ] {
            let n = count(status);
            if n > 0 {
                part.push_str(&format!(", {n} {word}"));
            }
        }
        parts.push(part);
    }
    format!("**At a glance:** {}.", parts.join(" · "))
}

/// One bullet per outcome: "- **Held:** Staff meeting (Mon 10:00), …", each time written as
/// `when` says.
fn meetings(list: &[MeetingOutcome], empty: &str, missed_word: &str, when: &str) -> String {
    if list.is_empty() {
        return format!("{empty}\n");
    }
    let mut out = String::new();
    for (outcome, word) in [
        (Outcome::Held, "Held"),
        (Outcome::Skipped, "Skipped"),
        (Outcome::Missed, missed_word),
        (Outcome::Upcoming, "Still to come"),
    ] {
        let names: Vec<String> = list
            .iter()
            .filter(|m| m.outcome == outcome)
            .map(|m| {
                let name = m.person.as_deref().unwrap_or(&m.title);
                let reason = m
                    .reason
                    .as_deref()
                    .map(|r| format!(": {}", one_line(r)))
                    .unwrap_or_default();
                format!("{name} ({}{reason})", m.start.format(when))
            })
            .collect();
        if !names.is_empty() {
            out.push_str(&format!("- **{word}:** {}\n", names.join(", ")));
        }
    }
    out
}

fn action_text(a: &ActionEntry) -> String {
    let who = match (a.owner, &a.person) {
        (Owner::Them, Some(p)) => format!(" — {p} owes it"),
        (Owner::Me, Some(p)) => format!(" — mine, for {p}"),
        _ => " — mine".to_string(),
    };
    let from = a
        .meeting
        .as_ref()
        .map(|m| format!(" (from {})", one_line(m)))
        .unwrap_or_default();
    format!("{}{who}{from}", one_line(&a.body))
}

fn actions(r: &Report) -> String {
    if r.actions_opened.is_empty() && r.actions_closed.is_empty() {
        return "No actions opened or closed.\n".to_string();
    }
    let mut out = String::new();
    for (title, list) in [("Closed", &r.actions_closed), ("Opened", &r.actions_opened)] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("**{title} ({}):**\n\n", list.len()));
        for a in list {
            let due = match a.due {
                Some(d) if title == "Opened" => format!(", due {}", d.format("%a %-d %b")),
                _ => String::new(),
            };
            out.push_str(&format!("- {}{due}\n", action_text(a)));
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn score(s: RiskScore) -> String {
    format!("{} ({})", s.value(), s.band())
}

fn risk_line(c: &RiskChange) -> String {
    let arrow = if c.after.value() > c.before.value() {
        "↑"
    } else {
        "↓"
    };
    let band = if c.after.band() == c.before.band() {
        format!(
            "{} → {}, still {}",
            c.before.value(),
            c.after.value(),
            c.after.band()
        )
    } else {
        format!("{} → {}", score(c.before), score(c.after))
    };
    let owner = if c.owner.is_empty() {
        String::new()
    } else {
        format!(" · {}", c.owner)
    };
    let note = if c.note.is_empty() {
        String::new()
    } else {
        format!(" — {}", one_line(&c.note))
    };
    format!(
        "- {arrow} **{}** (#{}{owner}): {band}{note}\n",
        one_line(&c.title),
        c.id
    )
}

fn goal_line(g: &GoalDelta) -> String {
    let progress = match g.progress_before {
        Some(before) => format!("{before}% → {}% ({:+})", g.progress, g.delta),
        None => format!("{}% (first check-in)", g.progress),
    };
    let confidence = match g.confidence_before {
        Some(before) if before != g.confidence => {
            format!("{} → {}", before.label(), g.confidence.label())
        }
        _ => g.confidence.label().to_string(),
    };
    // Each note goes with the value it was written at: with several check-ins in the week,
    // the last value is not what an earlier note was about.
    let noted: Vec<String> = match g.checkins.as_slice() {
        [only] if !only.note.is_empty() => vec![one_line(&only.note)],
        [_] => Vec::new(),
        several => several
            .iter()
            .filter(|c| !c.note.is_empty())
            .map(|c| {
                format!(
                    "{} at {}%: {}",
                    c.date.format("%a %-d %b"),
                    c.progress,
                    one_line(&c.note)
                )
            })
            .collect(),
    };
    let notes = if noted.is_empty() {
        String::new()
    } else {
        format!(" — {}", noted.join("; "))
    };
    format!(
        "- **{}** ({}): {progress}, {confidence}{notes}\n",
        one_line(&g.title),
        phase_label(g.phase)
    )
}

/// Multi-line text on one bullet line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decisions made in the week, then those still pending.
fn decisions(r: &Report) -> String {
    if r.decisions_made.is_empty() && r.decisions_pending.is_empty() {
        return "No decisions made or pending.\n".to_string();
    }
    let mut out = String::new();
    for (title, list) in [
        ("Made", &r.decisions_made),
        ("Pending", &r.decisions_pending),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("**{title} ({}):**\n\n", list.len()));
        for d in list {
            // The meeting's name carries its day; a decision made elsewhere gets its own.
            let when = match d.meeting.as_deref() {
                Some(meeting) => format!("in {}", one_line(meeting)),
                None => d.date.format("%a %-d %b").to_string(),
            };
            let status = if title == "Made" {
                format!(" ({})", d.status)
            } else {
                String::new()
            };
            // "Decision 1:", not "1.": after a bullet that would start a numbered list.
            out.push_str(&format!(
                "- Decision {}: {}{status} — {when}\n",
                d.id,
                one_line(&d.title),
            ));
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
