//! Recovering the response tree from a flattened table. The seed's layout marks where an object opens (a lone
//! `|` line) but not where it closes; other layouts mark neither. The page's JSON and XML examples show the
//! true tree: a row belongs to the innermost open object whose example has its name. Where the examples do
//! not settle it, the row stays in the innermost open object and a warning names the page line.

use std::collections::BTreeMap;

use super::Report;

/// The shape of the page's examples: the names each object has (arrays merged into their elements).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    /// Child objects and scalars by name.
    pub children: BTreeMap<String, Shape>,
}

impl Shape {
    fn merge(&mut self, other: Shape) {
        for (k, v) in other.children {
            self.children.entry(k).or_default().merge(v);
        }
    }

    /// From a JSON example (`None` when it does not parse, even after removing display escaping).
    pub fn from_json(text: &str) -> Option<Shape> {
        let value: serde_json::Value = serde_json::from_str(text)
            .or_else(|_| serde_json::from_str(&text.replace("\\\"", "\"")))
            .ok()?;
        Some(Self::of_json(&value))
    }

    fn of_json(value: &serde_json::Value) -> Shape {
        let mut shape = Shape::default();
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    shape
                        .children
                        .entry(k.clone())
                        .or_default()
                        .merge(Self::of_json(v));
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    shape.merge(Self::of_json(item));
                }
            }
            _ => {}
        }
        shape
    }

    /// From an XML example (elements only; a single `…Response` root is stepped into; a body with no root
    /// element is read as a list of top-level elements).
    pub fn from_xml(text: &str) -> Option<Shape> {
        let mut stack: Vec<(String, Shape)> = vec![(String::new(), Shape::default())];
        let mut rest = text;
        let mut seen = false;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let end = rest.find('>')?;
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            if tag.starts_with('?') || tag.starts_with('!') {
                continue;
            }
            seen = true;
            if let Some(name) = tag.strip_prefix('/') {
                let (open, shape) = stack.pop()?;
                if open != name.trim() || stack.is_empty() {
                    return None;
                }
                let parent = &mut stack.last_mut()?.1;
                parent.children.entry(open).or_default().merge(shape);
            } else if let Some(name) = tag.strip_suffix('/') {
                let name = name.split_whitespace().next()?.to_string();
                stack.last_mut()?.1.children.entry(name).or_default();
            } else {
                let name = tag.split_whitespace().next()?.to_string();
                stack.push((name, Shape::default()));
            }
        }
        if stack.len() != 1 || !seen {
            return None;
        }
        let root = stack.pop()?.1;
        if root.children.len() == 1 {
            let (name, inner) = root.children.iter().next()?;
            if name.ends_with("Response") && !inner.children.is_empty() {
                return Some(inner.clone());
            }
        }
        Some(root)
    }
}

/// A row of a field table, before nesting.
#[derive(Debug, Clone)]
pub struct FlatRow<T> {
    /// Page line.
    pub line: usize,
    /// Wire name (`None` for an anonymous array-item row).
    pub name: Option<String>,
    /// The row opens a container (object, or array of objects).
    pub container: bool,
    /// The page marked it as opening a nested object (lone `|`).
    pub marked: bool,
    /// An array of an unknown element: it takes an anonymous element row, not named fields.
    pub items_only: bool,
    /// What the caller builds from the row.
    pub data: T,
}

/// The recovered tree: each row with its children, in page order.
#[derive(Debug, Clone)]
pub struct Node<T> {
    /// The row.
    pub row: FlatRow<T>,
    /// Anonymous item rows under it (element descriptions).
    pub items: Vec<FlatRow<T>>,
    /// Its fields.
    pub children: Vec<Node<T>>,
}

struct Open<'s> {
    /// Index path of the node in the tree (empty for the root).
    path: Vec<usize>,
    shape: Option<&'s Shape>,
    name: String,
    marked: bool,
    items_only: bool,
    seen: Vec<String>,
}

fn node_at<'n, T>(roots: &'n mut Vec<Node<T>>, path: &[usize]) -> &'n mut Vec<Node<T>> {
    let mut list = roots;
    for &i in path {
        list = &mut list[i].children;
    }
    list
}

/// Nests `rows`; `shape` is the examples' shape (`None` when the page has no usable example); `what` names the
/// table in warnings.
pub fn nest<T>(
    rows: Vec<FlatRow<T>>,
    shape: Option<&Shape>,
    report: &mut Report,
    what: &str,
) -> Vec<Node<T>> {
    let mut roots: Vec<Node<T>> = Vec::new();
    let mut open: Vec<Open<'_>> = vec![Open {
        path: Vec::new(),
        shape,
        name: what.to_string(),
        marked: false,
        items_only: false,
        seen: Vec::new(),
    }];
    for row in rows {
        let Some(name) = row.name.clone() else {
            // An anonymous row: the element of the innermost open array.
            if open.len() > 1 {
                let path = open.last().map(|o| o.path.clone()).unwrap_or_default();
                let (last, parent) = path.split_last().expect("an open container has a path");
                node_at(&mut roots, parent)[*last].items.push(row);
            } else {
                report.warning(
                    row.line,
                    format!("{what}: a row without a name outside any array; skipped"),
                );
            }
            continue;
        };
        // The innermost open container whose example has this name and has not had it yet.
        let by_example = open.iter().rposition(|o| {
            o.shape.is_some_and(|s| s.children.contains_key(&name)) && !o.seen.contains(&name)
        });
        let depth = match by_example {
            Some(depth) => depth,
            None => {
                while open.len() > 1 && open.last().is_some_and(|o| o.items_only) {
                    open.pop();
                }
                let top = open.len() - 1;
                let t = &open[top];
                let first_marked = t.marked && t.seen.is_empty();
                if top > 0 && !first_marked {
                    let why = if t.shape.is_some() || open.iter().any(|o| o.shape.is_some()) {
                        "the page's examples do not show it"
                    } else {
                        "the page has no example that shows the nesting"
                    };
                    report.warning(
                        row.line,
                        format!(
                            "{what}: the page does not settle whether `{name}` belongs to `{}` or to an enclosing object ({why}); placed in `{}`",
                            t.name, t.name
                        ),
                    );
                } else if top == 0 && shape.is_some() {
                    report.warning(
                        row.line,
                        format!("{what}: `{name}` is not in the page's response examples; kept at the top level"),
                    );
                }
                top
            }
        };
        open.truncate(depth + 1);
        let parent = open.last_mut().expect("the root stays open");
        parent.seen.push(name.clone());
        let child_shape = parent.shape.and_then(|s| s.children.get(&name));
        let parent_path = parent.path.clone();
        let list = node_at(&mut roots, &parent_path);
        list.push(Node {
            row: FlatRow { ..row },
            items: Vec::new(),
            children: Vec::new(),
        });
        let index = list.len() - 1;
        let node = &list[index];
        if node.row.container {
            let mut path = parent_path;
            path.push(index);
            open.push(Open {
                path,
                shape: child_shape,
                name,
                marked: node.row.marked,
                items_only: node.row.items_only,
                seen: Vec::new(),
            });
        }
    }
    roots
}
