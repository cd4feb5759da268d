//! Decoding any input costs memory and work bounded by its size (property test, `proptest`).
//!
//! Work is measured by what the decoder allocates, counted by this binary's allocator per thread, not by
//! the clock: peak live bytes and the number of allocations must stay within a constant times the input's
//! size plus a constant. A clock check with a wide, size-scaled budget backs it up for work that does not
//! allocate (re-scanning the same bytes).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use aliyun_rpc_runtime::Format;
use aliyun_rpc_runtime::response::parse_error;
use outboundbot::describe_job_group::DescribeJobGroupResponse;
use proptest::prelude::*;

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn on_alloc(size: usize) {
    // `try_with`: the allocator also runs while thread-locals are being torn down.
    let _ = LIVE.try_with(|live| {
        let now = live.get() + size;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
    let _ = COUNT.try_with(|count| count.set(count.get() + 1));
}

fn on_free(size: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(size)));
}

// SAFETY: every call is forwarded to the system allocator unchanged; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size());
        // SAFETY: same layout the caller gave, as `GlobalAlloc::alloc` requires.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        on_free(layout.size());
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        on_free(layout.size());
        on_alloc(new_size);
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What one call cost.
#[derive(Debug)]
struct Cost {
    peak_bytes: usize,
    allocations: usize,
    took: Duration,
}

fn measure(run: impl FnOnce()) -> Cost {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let count = COUNT.with(Cell::get);
    let start = Instant::now();
    run();
    Cost {
        peak_bytes: PEAK.with(Cell::get) - base,
        allocations: COUNT.with(Cell::get) - count,
        took: start.elapsed(),
    }
}

/// The bounds, per input byte plus a constant (the constants cover fixed costs: error messages, the
/// first buffers). Measured on the DescribeJobGroup example repeated to 0.5 MB: about 6 bytes held and 0.06
/// allocations per input byte, so the bounds leave a wide margin and only super-linear growth trips them.
const BYTES_PER_BYTE: usize = 64;
const ALLOCATIONS_PER_BYTE: usize = 4;
const FIXED_BYTES: usize = 64 * 1024;
const FIXED_ALLOCATIONS: usize = 256;

fn within_bounds(what: &str, input: &[u8], cost: &Cost) -> Result<(), TestCaseError> {
    let n = input.len();
    prop_assert!(
        cost.peak_bytes <= BYTES_PER_BYTE * n + FIXED_BYTES,
        "{what}: {} bytes in, peak {} bytes held",
        n,
        cost.peak_bytes
    );
    prop_assert!(
        cost.allocations <= ALLOCATIONS_PER_BYTE * n + FIXED_ALLOCATIONS,
        "{what}: {} bytes in, {} allocations",
        n,
        cost.allocations
    );
    // Wide on purpose (a debug build on a shared machine): only super-linear work can reach it.
    let budget = Duration::from_millis(500) + Duration::from_micros(20) * n as u32;
    prop_assert!(
        cost.took <= budget,
        "{what}: {} bytes in, took {:?}",
        n,
        cost.took
    );
    Ok(())
}

/// Every decoder this file bounds, on one input.
fn check_all(input: &[u8]) -> Result<(), TestCaseError> {
    let cost = measure(|| drop(DescribeJobGroupResponse::from_json(input)));
    within_bounds("from_json", input, &cost)?;
    let cost = measure(|| drop(DescribeJobGroupResponse::from_xml(input)));
    within_bounds("from_xml", input, &cost)?;
    for format in [Format::Json, Format::Xml] {
        let cost = measure(|| drop(parse_error(400, format, None, input)));
        within_bounds("parse_error", input, &cost)?;
    }
    Ok(())
}

/// Pieces of JSON and XML that, strung together at random, make inputs near what the decoders accept.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"JobGroup\"",
        "\"Name\"",
        "\"a\\u00e9\"",
        "1",
        "-1.5e300",
        "true",
        "null",
        "\"Code\"",
        "\"X\"",
        "<DescribeJobGroupResponse>",
        "</DescribeJobGroupResponse>",
        "<JobGroup>",
        "</JobGroup>",
        "<Name>",
        "</Name>",
        "<Error>",
        "</Error>",
        "<Code>",
        "</Code>",
        "<!-- c -->",
        "<?pi x?>",
        "<![CDATA[d]]>",
        "&amp;",
        "&lt;",
        "&#x1F600;",
        "<a:b xmlns:a=\"u\">",
        "</a:b>",
        "text",
        " ",
        "<?xml version=\"1.0\"?>",
        "<!DOCTYPE x>",
        "\u{feff}",
    ])
}

fn soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece(), 0..2000).prop_map(|pieces| pieces.concat().into_bytes())
}

/// `depth` levels of `JobGroup` objects, in JSON or XML.
fn nested(depth: usize, json: bool) -> Vec<u8> {
    let (open, close) = if json {
        ("{\"JobGroup\":", "}")
    } else {
        ("<JobGroup>", "</JobGroup>")
    };
    format!("{}{}", open.repeat(depth), close.repeat(depth)).into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn decoding_random_input_is_bounded_by_its_size(input in soup()) {
        check_all(&input)?;
    }

    #[test]
    fn decoding_random_bytes_is_bounded_by_its_size(input in prop::collection::vec(any::<u8>(), 0..8192)) {
        check_all(&input)?;
    }

    /// Nesting, as deep as a debug build's test thread can take on the current decoders.
    #[test]
    fn nesting_costs_linear_memory(depth in 1usize..200, json in any::<bool>()) {
        check_all(&nested(depth, json))?;
    }
}

// Inputs that once cost super-linear time or overflowed the stack (issue 9), at sizes that showed it.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Many comments or processing instructions before the envelope: `parse_error` used to recurse once
    /// per comment and re-validate the rest of the body each time (5,000 comments: 0.5 s in a debug build,
    /// and a stack overflow on a 2 MB stack).
    #[test]
    fn leading_comments_cost_linear_work(n in 1usize..20_000, pi in any::<bool>()) {
        let lead = if pi { "<?p q?>" } else { "<!-- c -->" };
        let input = format!("{}<Error><Code>C</Code></Error>", lead.repeat(n)).into_bytes();
        check_all(&input)?;
    }

    /// Nesting far deeper than any response: an error (a depth limit), not a stack overflow.
    #[test]
    fn deep_nesting_costs_linear_memory(depth in 1usize..200_000, json in any::<bool>()) {
        check_all(&nested(depth, json))?;
    }
}
