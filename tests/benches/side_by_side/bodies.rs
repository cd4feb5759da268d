//! The bodies every case runs on: the doc page's seed response (JSON and XML) and a large synthetic one.

use outboundbot::modify_job_group::{EXAMPLE_RESPONSE_JSON, EXAMPLE_RESPONSE_XML};

use crate::baseline;

/// One response body in both formats.
pub struct Body {
    pub name: &'static str,
    pub json: String,
    pub xml: String,
}

/// The seed: the doc page's own examples, as the service sends them (pretty-printed, numbers as strings in
/// places).
pub fn seed() -> Body {
    Body {
        name: "seed",
        json: EXAMPLE_RESPONSE_JSON.to_string(),
        xml: EXAMPLE_RESPONSE_XML.to_string(),
    }
}

/// The seed with 1,000 `WorkingTime` entries and 1,000 calling numbers, written by the baseline's serde
/// derives (so neither side wrote the other's input).
pub fn large() -> Body {
    let mut response: baseline::Response =
        serde_json::from_str(EXAMPLE_RESPONSE_JSON).expect("the seed JSON decodes");
    let group = response
        .job_group
        .as_mut()
        .expect("the seed has a JobGroup");
    group.calling_numbers = (0..1000).map(|i| format!("40080{i:05}")).collect();
    let strategy = group.strategy.as_mut().expect("the seed has a Strategy");
    strategy.working_time = (0..1000)
        .map(|i| baseline::TimeFrame {
            begin_time: Some(format!("{:02}:{:02}:00", i % 24, i % 60)),
            end_time: Some(format!("{:02}:{:02}:59", (i + 1) % 24, i % 60)),
        })
        .collect();
    Body {
        name: "large",
        json: serde_json::to_string(&response).expect("JSON encodes"),
        xml: quick_xml::se::to_string(&response).expect("XML encodes"),
    }
}
