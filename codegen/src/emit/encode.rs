//! Writing responses back out (JSON or XML, in spec order) through the runtime's `Writer`.

use proc_macro2::TokenStream;
use quote::quote;

use super::types;
use crate::ir;

/// `EncodeValue` for a response struct.
pub fn struct_encode(s: &ir::Struct) -> TokenStream {
    let name = types::ident(&s.rust_name);
    let writes = s.fields.iter().map(|f| {
        let wire = &f.wire_name;
        let field = types::ident(&f.rust_name);
        match f.ty {
            ir::FieldType::Array(_) => quote! { w.list(#wire, &self.#field); },
            _ => quote! { w.field(#wire, &self.#field); },
        }
    });
    // An untyped response writes back the body it was decoded from, envelope included.
    let body = s.body.as_ref().map(|b| {
        let b = types::ident(b);
        quote! {
            if self.#b.is_object() {
                return ::aliyun_rpc_runtime::encode::EncodeValue::encode_value(&self.#b, w);
            }
        }
    });
    quote! {
        impl ::aliyun_rpc_runtime::encode::EncodeValue for #name {
            fn encode_value(&self, w: &mut ::aliyun_rpc_runtime::encode::Writer) {
                #body
                let scope = w.begin_object();
                #(#writes)*
                w.end_object(scope);
            }
        }
    }
}
