mod bindings {
    codegen_macro::generate!("tests/ui/specs/bad-yaml");
}

fn main() {}
