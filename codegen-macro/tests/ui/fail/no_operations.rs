mod bindings {
    codegen_macro::generate!("tests/ui/specs/empty");
}

fn main() {}
