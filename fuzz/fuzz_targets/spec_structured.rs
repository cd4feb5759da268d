#![no_main]

use aliyun_rpc_fuzz::{harness, spec_shape::OperationShape};

// Structure-aware: libFuzzer's bytes become a well-formed YAML operation file through `arbitrary`, so the
// fuzzer spends its time in validation, naming and the emitters rather than in the YAML parser.
libfuzzer_sys::fuzz_target!(|op: OperationShape| {
    harness::spec_text(harness::SERVICE_YAML, &op.to_yaml());
});
