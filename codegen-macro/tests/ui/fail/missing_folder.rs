mod bindings {
    codegen_macro::generate!("tests/ui/specs/does-not-exist");
}

fn main() {}
