//! What the Risks tab says about one risk: the review cell of the table, the detail panel with
//! its score history, and the short summary shown under the table on narrow terminals.

use chrono::NaiveDate;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::domain::dates::date_and_distance;
use crate::domain::risk::{Response, Risk, RiskFields, RiskStatus};
use crate::domain::risk_score::{ScoreEntry, Trend};
use crate::tui::theme::Theme;

/// Worse in the error colour, better in the good one.
pub fn trend_style(trend: Trend, theme: &Theme) -> Style {
    match trend {
        Trend::Worse => theme.error.add_modifier(Modifier::BOLD),
        Trend::Better => theme.ok,
        Trend::Same | Trend::New => theme.dim,
    }
}

/// The table's review cell: the date, or what is late ("! 20 Nov", "! expired").
pub fn review_text(f: &RiskFields, today: NaiveDate, theme: &Theme) -> (String, Style) {
    let late = theme.overdue;
    if f.status == RiskStatus::Closed {
        return ("closed".into(), theme.dim);
    }
    if f.review_overdue(today)
        && let Some(d) = f.next_review
    {
        return (format!("! {}", d.format("%-d %b")), late);
    }
    if f.acceptance_expired(today) {
        return ("! expired".into(), late);
    }
    match f.next_review {
        Some(d) => (d.format("%a %-d %b").to_string(), theme.text),
        None => ("—".into(), theme.dim),
    }
}

/// "Review overdue since ...", "Next review ...", in words and with the right emphasis.
fn review_line(f: &RiskFields, today: NaiveDate, theme: &Theme) -> Line<'static> {
    let late = theme.error.add_modifier(Modifier::BOLD);
    let when = |d: NaiveDate| date_and_distance(d, today);
    if f.status == RiskStatus::Closed {
        return Line::from(Span::styled("Closed", theme.dim));
    }
    if f.review_overdue(today)
        && let Some(d) = f.next_review
    {
        return Line::from(Span::styled(format!("Review overdue: {}", when(d)), late));
    }
    if f.acceptance_expired(today)
        && let Some(d) = f.accept_expiry
    {
        return Line::from(Span::styled(
            format!("Acceptance expired {}: decide again", when(d)),
            late,
        ));
    }
    match f.next_review {
        Some(d) => Line::from(vec![
            Span::styled("Next review ", theme.dim),
            Span::raw(when(d)),
        ]),
        None => Line::from(Span::styled("No review date", theme.dim)),
    }
}

/// "16 critical" in the band's colour.
fn score_span(entry_score: crate::domain::risk_score::RiskScore, theme: &Theme) -> Span<'static> {
    Span::styled(
        format!("{} {}", entry_score.value(), entry_score.band()),
        theme.band(entry_score.band()),
    )
}

/// One line of history: date, score, the move from the entry before, and the note.
fn history_line(entry: &ScoreEntry, previous: Option<&ScoreEntry>, theme: &Theme) -> Line<'static> {
    let trend = match previous {
        Some(p) => Trend::of(&[p.clone(), entry.clone()]),
        None => Trend::New,
    };
    let mark = if previous.is_none() {
        "•"
    } else {
        trend.arrow()
    };
    let mut spans = vec![
        Span::styled(format!("{}  ", entry.date.format("%-d %b %Y")), theme.dim),
        Span::styled(format!("{mark} "), trend_style(trend, theme)),
        score_span(entry.score, theme),
        Span::styled(
            format!("  L{}×I{}", entry.score.likelihood, entry.score.impact),
            theme.dim,
        ),
    ];
    if !entry.note.is_empty() {
        spans.push(Span::raw(format!("  {}", entry.note)));
    }
    Line::from(spans)
}

/// "Daniel Osei · security · mitigate · open".
fn facts(r: &Risk) -> String {
    let f = &r.fields;
    let owner = match (f.owner.is_empty(), f.owner_id) {
        (true, _) => "no owner".to_string(),
        // p opens a person owner's prep.
        (false, Some(_)) => format!("{} (p: prep)", f.owner),
        (false, None) => f.owner.clone(),
    };
    format!("{owner} · {} · {} · {}", f.category, f.response, f.status)
}

/// The detail panel: everything about the risk, its score history newest first.
pub fn detail_lines(r: &Risk, today: NaiveDate, theme: &Theme) -> Vec<Line<'static>> {
    let f = &r.fields;
    let trend = r.trend();
    let mut score = vec![
        Span::styled(
            format!("L{} × I{} = ", f.score.likelihood, f.score.impact),
            theme.dim,
        ),
        score_span(f.score, theme),
        Span::raw("  "),
        Span::styled(trend.arrow(), trend_style(trend, theme)),
    ];
    if let [.., previous, _] = r.history.as_slice()
        && trend != Trend::Same
    {
        score.push(Span::styled(
            format!(" from {}", previous.score.value()),
            theme.dim,
        ));
    }
    let mut lines = vec![
        Line::from(Span::styled(format!("{}  {}", r.id, f.title), theme.title)),
        Line::from(score),
        Line::from(Span::styled(facts(r), theme.dim)),
        review_line(f, today, theme),
    ];
    if f.response == Response::Accept {
        let until = f
            .accept_expiry
            .map(|d| format!(" until {}", d.format("%-d %b %Y")))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(format!("Accepted{until}: "), theme.dim),
            Span::raw(f.accept_reason.clone()),
        ]));
    }
    if let Some(residual) = f.residual {
        lines.push(Line::from(vec![
            Span::styled("After mitigation ", theme.dim),
            Span::styled(
                format!("L{} × I{} = ", residual.likelihood, residual.impact),
                theme.dim,
            ),
            score_span(residual, theme),
        ]));
    }
    for (label, body) in [("Trigger", &f.trigger), ("Mitigation", &f.mitigation)] {
        if body.trim().is_empty() {
            continue;
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(label, theme.header)));
        lines.extend(body.lines().map(|l| Line::from(l.to_string())));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Score history", theme.header)));
    let entries: Vec<Line> = r
        .history
        .iter()
        .enumerate()
        .map(|(i, e)| history_line(e, i.checked_sub(1).and_then(|p| r.history.get(p)), theme))
        .rev()
        .collect();
    lines.extend(entries);
    lines
}

/// Three lines under the table on narrow terminals: the full title; score, trend, owner and
/// review; the score history, oldest on the left.
pub fn summary_lines(r: &Risk, today: NaiveDate, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let f = &r.fields;
    let trend = r.trend();
    // Most urgent first, as the line may be cut on the right.
    let mut second = vec![
        score_span(f.score, theme),
        Span::raw(" "),
        Span::styled(trend.arrow(), trend_style(trend, theme)),
        Span::styled(" · ", theme.dim),
    ];
    second.extend(review_line(f, today, theme).spans);
    second.push(Span::styled(format!(" · {}", facts(r)), theme.dim));
    let steps: Vec<String> = r
        .history
        .iter()
        .map(|e| {
            let on = crate::domain::dates::day_month(e.date, today);
            format!("{} ({on})", e.score.value())
        })
        .collect();
    // Keep the newest steps when they do not all fit.
    let room = usize::from(width).saturating_sub(10);
    let mut shown: Vec<&str> = Vec::new();
    let mut used = 0;
    for step in steps.iter().rev() {
        if used + step.chars().count() + 3 > room && !shown.is_empty() {
            shown.push("…");
            break;
        }
        used += step.chars().count() + 3;
        shown.push(step);
    }
    shown.reverse();
    vec![
        Line::from(Span::styled(format!("{}  {}", r.id, f.title), theme.title)),
        Line::from(second),
        Line::from(vec![
            Span::styled("History ", theme.header),
            Span::raw(shown.join(" → ")),
        ]),
    ]
}
