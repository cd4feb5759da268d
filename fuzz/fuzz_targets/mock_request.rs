#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aliyun_rpc_fuzz::harness::mock_request(data));
