//! Where responses are read and written: one `codec!` invocation per response struct lists its fields'
//! wire names in spec order; the runtime's macro expands it into `FromNode` (one pass over the object's
//! entries, a `match` on the wire name, unknown names skipped) and `EncodeValue` (fields in spec order).
//! JSON and XML share both through the runtime's `Node` and `Writer`.

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
