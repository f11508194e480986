//! A minimal column layout shared by the text table and markdown renderers.

/// Rows of cells under headers; columns listed in `right` are right-aligned (numbers).
pub(crate) struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub right: Vec<usize>,
}

impl Grid {
    pub fn new(headers: &[&str], right: &[usize]) -> Self {
        Grid {
            headers: headers.iter().map(|header| header.to_string()).collect(),
            rows: Vec::new(),
            right: right.to_vec(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self
            .headers
            .iter()
            .map(|header| header.chars().count())
            .collect();
        for row in &self.rows {
            for (index, cell) in row.iter().enumerate() {
                if index < widths.len() {
                    widths[index] = widths[index].max(cell.chars().count());
                }
            }
        }
        widths
    }

    fn pad(&self, index: usize, cell: &str, width: usize) -> String {
        let fill = " ".repeat(width.saturating_sub(cell.chars().count()));
        if self.right.contains(&index) {
            format!("{fill}{cell}")
        } else {
            format!("{cell}{fill}")
        }
    }

    /// Plain text: two spaces between columns, a rule under the headers.
    pub fn text(&self, indent: &str) -> String {
        let widths = self.widths();
        let line = |cells: &[String]| {
            let padded: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(index, cell)| self.pad(index, cell, widths[index]))
                .collect();
            format!("{indent}{}", padded.join("  ").trim_end())
        };
        let mut out = vec![line(&self.headers)];
        let rule: Vec<String> = widths.iter().map(|width| "-".repeat(*width)).collect();
        out.push(format!("{indent}{}", rule.join("  ")));
        for row in &self.rows {
            out.push(line(row));
        }
        out.join("\n") + "\n"
    }

    /// GitHub-flavoured markdown; `|` inside cells is escaped.
    pub fn markdown(&self) -> String {
        let escape = |cell: &String| cell.replace('|', "\\|");
        let mut out = format!(
            "| {} |\n",
            self.headers
                .iter()
                .map(escape)
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let rule: Vec<&str> = (0..self.headers.len())
            .map(|index| {
                if self.right.contains(&index) {
                    "---:"
                } else {
                    "---"
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.iter().map(escape).collect::<Vec<_>>().join(" | ")
            ));
        }
        out
    }
}
