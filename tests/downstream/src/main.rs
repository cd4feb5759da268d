//! A downstream program: it depends on `outboundbot` alone, sets its client up with `Client::from_env()`,
//! calls an operation, handles a documented error, pages through a list, and stores a response with serde.
//! `tests/downstream.rs` runs it against the mock with nothing but its environment pointing there.
//!
//! Usage: `downstream INSTANCE_ID`, with the region, endpoint and credentials in the environment.

use outboundbot::list_job_groups::ListJobGroupsRequest;
use outboundbot::modify_job_group::{
    ModifyJobGroupError, ModifyJobGroupRequest, ModifyJobGroupResponse,
};

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let instance = std::env::args()
        .nth(1)
        .ok_or("usage: downstream INSTANCE_ID")?;
    let client = outboundbot::Client::from_env().await?;

    // A call.
    let request = ModifyJobGroupRequest::new(&instance, "job-group-1", "renamed", "Draft", 1)
        .calling_number(["4008013260"]);
    let response = client.modify_job_group(request).await?;
    println!(
        "modified: request {}",
        response.request_id.as_deref().unwrap_or("-")
    );

    // Stored and read back with serde, under the API's own field names.
    let stored = serde_json::to_string(&response)?;
    let restored: ModifyJobGroupResponse = serde_json::from_str(&stored)?;
    assert_eq!(restored, response);
    let value: serde_json::Value = serde_json::from_str(&stored)?;
    println!(
        "stored: JobGroup.JobGroupId = {}",
        value["JobGroup"]["JobGroupId"]
    );

    // A documented error, matched by its variant.
    let missing =
        ModifyJobGroupRequest::new("no-such-instance", "job-group-1", "renamed", "Draft", 1);
    match client.modify_job_group(missing).await {
        Err(ModifyJobGroupError::NotExistInstance(error)) => {
            println!("missing instance: HTTP {} {}", error.status, error.code)
        }
        other => return Err(format!("expected NotExist.Instance, got {other:?}").into()),
    }

    // Every job group, page after page.
    let mut groups = client
        .list_job_groups_paginator(ListJobGroupsRequest::new(&instance, 1, 10))
        .items();
    let mut count = 0;
    while let Some(group) = groups.next_item().await {
        group?;
        count += 1;
    }
    println!("job groups: {count} in {} pages", groups.pages_fetched());
    Ok(())
}
