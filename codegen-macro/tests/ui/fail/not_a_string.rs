mod bindings {
    codegen_macro::generate!(tests / ui / specs / invalid);
}

fn main() {}
