//! Where responses are read and written: one `codec!` invocation per response struct lists its fields'
//! wire names in spec order; the runtime's macro expands it into `Decode` (the per-field `match` on the wire
//! name, unknown names skipped, driven in one pass by the runtime's visitor over `serde_json` or its streaming
//! XML reader) and `EncodeValue` (fields in spec order, through the runtime's `Writer`).

use proc_macro2::TokenStream;
use quote::quote;

use super::types;
use crate::ir;

/// `codec!` for a response struct.
pub fn struct_codec(s: &ir::Struct) -> TokenStream {
    let name = types::ident(&s.rust_name);
    let fields = s.fields.iter().map(|f| {
        let wire = &f.wire_name;
        let field = types::ident(&f.rust_name);
        quote! { #wire => #field }
    });
    let body = s.body.as_ref().map(|b| {
        let b = types::ident(b);
        quote!(untyped #b)
    });
    quote! {
        ::aliyun_rpc_runtime::codec!(#name { #(#fields),* } #body);
    }
}
