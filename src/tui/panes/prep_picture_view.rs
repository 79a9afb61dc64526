//! The prep view's connected picture: the goals they own or are linked to, the risks they own,
//! their team (for a manager), their latest career and feedback context, and their latest
//! private health read.

use chrono::NaiveDate;
use ratatui::text::{Line, Span};

use super::person::Row;
use crate::domain::one_on_one::ContextEntry;
use crate::domain::risk_score::Trend;
use crate::ops::prep_picture::{Picture, PrepGoal, PrepRisk, TeamMember};
use crate::tui::theme::Theme;

/// One line of the picture: a heading or note (`row` None) or a row the cursor can rest on.
pub struct PictureLine {
    pub line: Line<'static>,
    pub row: Option<Row>,
    pub selected: bool,
}

fn heading(text: String, theme: &Theme) -> PictureLine {
    PictureLine {
        line: Line::from(Span::styled(text, theme.header)),
        row: None,
        selected: false,
    }
}

fn item(text: String, row: Row, current: Option<Row>, alert: bool, theme: &Theme) -> PictureLine {
    let selected = current == Some(row);
    let mut style = if alert { theme.warning } else { theme.text };
    if selected {
        style = style.patch(theme.selected);
    }
    let pointer = if selected { "▌" } else { " " };
    PictureLine {
        line: Line::from(Span::styled(format!("{pointer} {text}"), style)),
        row: Some(row),
        selected,
    }
}

fn goal_text(g: &PrepGoal) -> String {
    format!(
        "{:>3}% {}{}{}",
        g.progress,
        g.title,
        if g.behind { "  behind" } else { "" },
        if g.owned { "" } else { "  (linked)" }
    )
}

fn risk_text(r: &PrepRisk, today: NaiveDate) -> String {
    let arrow = match r.trend {
        Trend::Worse => "↑",
        Trend::Better => "↓",
        Trend::Same => "→",
        Trend::New => "•",
    };
    let review = match r.next_review {
        Some(d) if r.overdue => format!("review overdue since {}", d.format("%-d %b")),
        Some(d) if d == today => "review today".into(),
        Some(d) => format!("review {}", d.format("%a %-d %b")),
        None => "no review set".into(),
    };
    format!(
        "{:>2} {} {arrow} {}  {review}{}",
        r.score,
        r.band,
        r.title,
        if r.owned { "" } else { "  (linked)" }
    )
}

fn member_text(m: &TeamMember) -> String {
    let last = m.last.map_or("no 1:1 yet".to_string(), |t| {
        format!("last 1:1 {}", t.format("%-d %b"))
    });
    format!(
        "{} — {last}; actions {} mine, {} theirs",
        m.name, m.open_mine, m.open_theirs
    )
}

/// The picture's lines in cursor order: goals, risks, team; then their latest career and
/// feedback context (as the Markdown prep has it), which the cursor passes over.
pub fn picture_lines(
    p: &Picture,
    today: NaiveDate,
    current: Option<Row>,
    theme: &Theme,
) -> Vec<PictureLine> {
    let mut out = Vec::new();
    let blank = || PictureLine {
        line: Line::default(),
        row: None,
        selected: false,
    };
    if !p.goals.is_empty() {
        out.push(blank());
        out.push(heading(
            format!("Goals ({}) — c checks in", p.goals.len()),
            theme,
        ));
        for g in &p.goals {
            out.push(item(
                goal_text(g),
                Row::Goal(g.id),
                current,
                g.behind,
                theme,
            ));
        }
    }
    if !p.risks.is_empty() {
        out.push(blank());
        out.push(heading(
            format!("Risks ({}) — R reviews", p.risks.len()),
            theme,
        ));
        for r in &p.risks {
            out.push(item(
                risk_text(r, today),
                Row::Risk(r.id),
                current,
                r.overdue,
                theme,
            ));
        }
    }
    if !p.team.is_empty() {
        out.push(blank());
        out.push(heading(
            format!(
                "Their team ({}, {} needing attention)",
                p.team.len(),
                p.team_alerts(true)
            ),
            theme,
        ));
        for m in &p.team {
            let alert = m.state == Some(crate::domain::one_on_one::CadenceState::Alarm)
                || m.flight_risk == Some(crate::domain::health::FlightRisk::High);
            out.push(item(
                member_text(m),
                Row::Report(m.id),
                current,
                alert,
                theme,
            ));
        }
    }
    if !p.context.is_empty() {
        out.push(blank());
        out.push(heading("Career and feedback".to_string(), theme));
        for c in &p.context {
            out.push(PictureLine {
                line: Line::from(Span::styled(context_text(c), theme.text)),
                row: None,
                selected: false,
            });
        }
    }
    out
}

/// "  20 Nov career: wants to lead the Q1 review", on one line.
fn context_text(c: &ContextEntry) -> String {
    format!(
        "  {} {}: {}",
        c.date.format("%-d %b %Y"),
        c.kind,
        c.body.replace('\n', " ")
    )
}

/// "Health (private): morale 3/5 ↓, flight risk medium — 20 Nov", or None without a read.
pub fn health_line(p: &Picture, theme: &Theme) -> Option<Line<'static>> {
    let latest = p.health.first()?;
    let trend = match p.health.get(1) {
        Some(before) if before.morale < latest.morale => " ↑",
        Some(before) if before.morale > latest.morale => " ↓",
        _ => "",
    };
    let style = if latest.flight_risk == crate::domain::health::FlightRisk::High {
        theme.warning
    } else {
        theme.text
    };
    Some(Line::from(vec![
        Span::styled("Health (private): ", theme.header),
        Span::styled(
            format!(
                "morale {}/5{trend}, flight risk {} — {}",
                latest.morale,
                latest.flight_risk,
                latest.date.format("%-d %b")
            ),
            style,
        ),
    ]))
}
