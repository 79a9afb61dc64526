//! One object described for people: a title, labelled fields and sections of lines, rendered
//! as text (`show`) or Markdown (`show --format md`). The same card gives both, so they say the
//! same things.

/// An object's description. Fields with empty values are left out when rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The object's word and id: "person", 3.
    pub kind: &'static str,
    pub id: i64,
    pub title: String,
    pub fields: Vec<(&'static str, String)>,
    pub sections: Vec<(String, Vec<String>)>,
}

impl Card {
    pub fn new(kind: &'static str, id: i64, title: impl Into<String>) -> Card {
        Card {
            kind,
            id,
            title: title.into(),
            fields: Vec::new(),
            sections: Vec::new(),
        }
    }

    pub fn field(mut self, label: &'static str, value: impl Into<String>) -> Card {
        self.fields.push((label, value.into()));
        self
    }

    /// A section of lines (each may span several lines of text); left out when empty.
    pub fn section(mut self, title: impl Into<String>, lines: Vec<String>) -> Card {
        if !lines.is_empty() {
            self.sections.push((title.into(), lines));
        }
        self
    }

    fn shown_fields(&self) -> impl Iterator<Item = &(&'static str, String)> {
        self.fields.iter().filter(|(_, v)| !v.trim().is_empty())
    }

    /// "person 3  Priya Raman", fields aligned under it, then each section.
    pub fn text(&self) -> String {
        let mut out = format!("{} {}  {}\n", self.kind, self.id, self.title);
        let width = self.shown_fields().map(|(l, _)| l.len()).max().unwrap_or(0);
        for (label, value) in self.shown_fields() {
            let pad = " ".repeat(width - label.len());
            let mut lines = value.trim_end().lines();
            out.push_str(&format!(
                "  {label}:{pad} {}\n",
                lines.next().unwrap_or_default()
            ));
            for more in lines {
                out.push_str(&format!("  {}  {more}\n", " ".repeat(width)));
            }
        }
        for (title, lines) in &self.sections {
            out.push_str(&format!("\n{title}\n"));
            for line in lines {
                let mut parts = line.trim_end().lines();
                out.push_str(&format!("  {}\n", parts.next().unwrap_or_default()));
                for more in parts {
                    out.push_str(&format!("    {more}\n"));
                }
            }
        }
        out
    }

    /// `# Title`, the kind and id in italics, fields as a list, sections under `##`.
    pub fn markdown(&self) -> String {
        let mut out = format!("# {}\n\n*{} {}*\n", self.title, self.kind, self.id);
        let fields: Vec<_> = self.shown_fields().collect();
        if !fields.is_empty() {
            out.push('\n');
        }
        for (label, value) in fields {
            let mut lines = value.trim_end().lines();
            out.push_str(&format!(
                "- **{}:** {}\n",
                capitalised(label),
                lines.next().unwrap_or_default()
            ));
            for more in lines {
                out.push_str(&format!("  {more}\n"));
            }
        }
        for (title, lines) in &self.sections {
            out.push_str(&format!("\n## {title}\n\n"));
            for line in lines {
                let mut parts = line.trim_end().lines();
                out.push_str(&format!("- {}\n", parts.next().unwrap_or_default()));
                for more in parts {
                    out.push_str(&format!("  {more}\n"));
                }
            }
        }
        out
    }
}

fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Tue 24 Nov 2026", or "-" for none.
pub fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(String::new, |d| d.format("%a %-d %b %Y").to_string())
}

/// "Tue 24 Nov 2026 10:00", or empty for none.
pub fn moment(t: Option<chrono::NaiveDateTime>) -> String {
    t.map_or_else(String::new, |t| t.format("%a %-d %b %Y %H:%M").to_string())
}
