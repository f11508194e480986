//! Where each key and value of a YAML document is, by path, so any error found after parsing
//! (a range check, an unknown SKU, a bad override) can still say `file:line:column`.
//!
//! serde reports positions only for the errors it finds itself; validation happens later on
//! plain structs. This module walks the parser's events once and records the position of every
//! mapping key and value under a dotted path such as `environments.prod.resources.api.sku`.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Positions of keys and values by dotted path.
#[derive(Clone, Debug, Default)]
pub struct Positions {
    keys: HashMap<String, Position>,
    values: HashMap<String, Position>,
}

impl Positions {
    /// Reads positions from YAML text. Text that does not parse gives no positions (the
    /// parser's own error already carries one).
    pub fn read(text: &str) -> Positions {
        let mut walker = Walker::default();
        let mut parser = Parser::new_from_str(text);
        if parser.load(&mut walker, false).is_err() {
            return Positions::default();
        }
        walker.positions
    }

    /// The position of the key at `path` (where an unknown or misplaced field is written).
    pub fn key(&self, path: &str) -> Option<Position> {
        self.keys.get(path).copied()
    }

    /// The position of the value at `path`, falling back to its key, then to the nearest
    /// enclosing path that has a position.
    pub fn value(&self, path: &str) -> Option<Position> {
        let mut current = path.to_string();
        loop {
            if let Some(position) = self
                .values
                .get(&current)
                .or_else(|| self.keys.get(&current))
            {
                return Some(*position);
            }
            match current.rfind('.') {
                Some(dot) => current.truncate(dot),
                None => return None,
            }
        }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.values.contains_key(path)
    }
}

enum Frame {
    Mapping { path: String, key: Option<String> },
    Sequence { path: String, index: usize },
}

#[derive(Default)]
struct Walker {
    stack: Vec<Frame>,
    positions: Positions,
}

impl Walker {
    /// The path a new value would have, or `None` when the next scalar is a mapping key.
    fn value_path(&self) -> Option<String> {
        match self.stack.last() {
            None => Some(String::new()),
            Some(Frame::Mapping { key: None, .. }) => None,
            Some(Frame::Mapping {
                path,
                key: Some(key),
            }) => Some(join(path, key)),
            Some(Frame::Sequence { path, index }) => Some(join(path, &index.to_string())),
        }
    }

    /// Marks the current value as complete in its parent.
    fn finish_value(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Mapping { key, .. }) => *key = None,
            Some(Frame::Sequence { index, .. }) => *index += 1,
            None => {}
        }
    }

    fn open(&mut self, mark: Marker, sequence: bool) {
        let path = self.value_path().unwrap_or_default();
        self.positions.values.insert(path.clone(), position(mark));
        self.stack.push(if sequence {
            Frame::Sequence { path, index: 0 }
        } else {
            Frame::Mapping { path, key: None }
        });
    }
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(text, ..) => match self.value_path() {
                None => {
                    if let Some(Frame::Mapping { path, key }) = self.stack.last_mut() {
                        self.positions
                            .keys
                            .insert(join(path, &text), position(mark));
                        *key = Some(text);
                    }
                }
                Some(path) => {
                    self.positions.values.insert(path, position(mark));
                    self.finish_value();
                }
            },
            Event::Alias(_) => {
                if let Some(path) = self.value_path() {
                    self.positions.values.insert(path, position(mark));
                }
                self.finish_value();
            }
            Event::MappingStart(..) => self.open(mark, false),
            Event::SequenceStart(..) => self.open(mark, true),
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.finish_value();
            }
            _ => {}
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn position(mark: Marker) -> Position {
    Position {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "name: demo\nenvironments:\n  prod:\n    resources:\n      api:\n        kind: app_service_plan\n        sku: P2v3\n    tags: [a, b]\n";

    #[test]
    fn keys_and_values_have_one_based_positions() {
        let positions = Positions::read(TEXT);
        assert_eq!(positions.key("name"), Some(Position { line: 1, column: 1 }));
        assert_eq!(
            positions.value("environments.prod.resources.api.sku"),
            Some(Position {
                line: 7,
                column: 14
            })
        );
        assert_eq!(
            positions.key("environments.prod.resources.api.sku"),
            Some(Position { line: 7, column: 9 })
        );
        assert_eq!(
            positions.value("environments.prod.tags.1"),
            Some(Position {
                line: 8,
                column: 17
            })
        );
    }

    #[test]
    fn a_missing_path_falls_back_to_its_parent() {
        let positions = Positions::read(TEXT);
        assert_eq!(
            positions.value("environments.prod.resources.api.count"),
            positions.value("environments.prod.resources.api")
        );
    }
}
