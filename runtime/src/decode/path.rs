use std::fmt;

/// Where a decoder is in the document, as a chain of borrowed segments: building one costs nothing, and it is
/// rendered to text only when an error is reported.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The document's top-level object.
    Root,
    /// A named field of the parent.
    Field(&'a Path<'a>, &'a str),
    /// An element of the parent array (0-based).
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of field `name` below this one.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// The path of element `index` of the array at this path.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(parent, name) => {
                parent.fmt(f)?;
                if matches!(parent, Path::Root) {
                    f.write_str(name)
                } else {
                    write!(f, ".{name}")
                }
            }
            Path::Index(parent, index) => {
                parent.fmt(f)?;
                write!(f, "[{index}]")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Path;

    #[test]
    fn renders_dotted_path_with_indices() {
        let root = Path::Root;
        let a = root.field("JobGroup");
        let b = a.field("WorkingTime");
        let c = b.index(1);
        let d = c.field("BeginTime");
        assert_eq!(d.to_string(), "JobGroup.WorkingTime[1].BeginTime");
        assert_eq!(Path::Root.to_string(), "");
    }
}
