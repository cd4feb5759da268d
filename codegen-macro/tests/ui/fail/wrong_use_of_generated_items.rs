// The expansion is ordinary Rust: misusing it is an ordinary type error pointing at the caller's code.
mod widgets {
    codegen_macro::generate!("../tests/fixtures/widget-spec");
}

fn main() {
    // `Quantity` is an `Integer` (i32) and required: `new` takes the region and a number.
    let _ = widgets::create_widget::CreateWidgetRequest::new("cn-hangzhou", "three");
}
