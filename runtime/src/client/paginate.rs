//! Paginators (feature `client`): every page of a list operation, or every item, as an async stream.
//!
//! Generated crates implement [`Paginated`] for the request of each operation that pages (the generator's
//! paging rule, `docs/paginators.md`) with a few one-line methods that say where the request keeps its page
//! and where the response keeps the total, the next token and the items. Everything else is here, once:
//! when to stop, how to ask for the next page, and the bound that keeps a misbehaving service from making a
//! paginator loop forever.
//!
//! [`Paginator`] yields pages (`Result<Response, Error>`), [`Items`] the items of those pages
//! (`Result<Item, Error>`). Both implement [`futures_core::Stream`] and have an inherent `next_page()` /
//! `next_item()` so no stream library is needed to use them:
//!
//! ```no_run
//! # async fn run<R: aliyun_rpc_runtime::client::Paginated>(
//! #     client: &aliyun_rpc_runtime::client::Client,
//! #     request: R,
//! # ) -> Result<(), R::Error> {
//! let mut pages = client.paginate(request);
//! while let Some(page) = pages.next_page().await {
//!     let page = page?;
//!     // …
//! #   drop(page);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # When a paginator stops
//!
//! - After an error: the error is yielded, then the stream ends.
//! - Page numbers: after a page with no items; or when the items received, plus those on the pages before
//!   the one it started from, reach the response's total (with full pages that is "page number × page size ≥
//!   total", and it stays right when the service sends fewer items per page than asked); or when the next
//!   page number does not fit the request's type.
//! - Tokens: when the response has no next token (absent or empty), or repeats the token just sent.
//! - Always: after [`Paginator::max_pages`] pages ([`DEFAULT_MAX_PAGES`] unless set), with a `tracing`
//!   warning, so a service that always claims more pages cannot keep a program busy forever.
//!
//! Why a hand-written stream rather than a stream library: `futures-core` (the `Stream` trait alone) is
//! already in every `client` build through reqwest, so implementing it costs nothing, while `futures-util`
//! or `async-stream` would add compile time to every generated crate for one loop.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;

use super::{Client, ParseFn};
use crate::params::Params;
use crate::request::OperationInfo;
use crate::response::WithServiceError;
use crate::transport_error::TransportError;

/// Most pages a paginator fetches unless told otherwise ([`Paginator::max_pages`]).
pub const DEFAULT_MAX_PAGES: u32 = 10_000;

/// How an operation pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// A page number and size in the request, the total in the response.
    PageNumber {
        /// The number of the first page: 1, or 0 for operations that count from 0.
        first: i64,
    },
    /// A token in the request, the next page's token in the response.
    Token,
}

/// A request of an operation that pages: implemented by generated code, one short method per fact.
///
/// Page-number operations implement [`page`](Self::page), [`set_page`](Self::set_page) and
/// [`total`](Self::total); token operations [`next_token`](Self::next_token) and
/// [`set_token`](Self::set_token). The defaults say "not this style".
pub trait Paginated: Clone + Send + 'static {
    /// The operation's response: one page.
    type Response: Send + 'static;
    /// One element of a page's list.
    type Item: Send + 'static;
    /// The operation's error.
    type Error: From<TransportError> + WithServiceError + Send + 'static;

    /// How the operation is sent.
    const OPERATION: &'static OperationInfo;
    /// The operation's `parse_response`.
    const PARSE: ParseFn<Self::Response, Self::Error>;
    /// How it pages.
    const PAGING: Paging;

    /// The request's parameters.
    fn params(&self) -> Params;

    /// The page number asked for and the page size (`None` when not set).
    fn page(&self) -> (Option<i64>, Option<i64>) {
        (None, None)
    }

    /// Asks for page `number` instead; `false` when the request cannot hold it.
    fn set_page(&mut self, number: i64) -> bool {
        let _ = number;
        false
    }

    /// The total number of items the response reports.
    fn total(response: &Self::Response) -> Option<i64> {
        let _ = response;
        None
    }

    /// The token of the page after `response`.
    fn next_token(response: &Self::Response) -> Option<&str> {
        let _ = response;
        None
    }

    /// Asks for the page of `token` instead; `false` when the request cannot hold it.
    fn set_token(&mut self, token: String) -> bool {
        let _ = token;
        false
    }

    /// The page's items.
    fn items(response: &mut Self::Response) -> Option<&mut Vec<Self::Item>>;
}

/// A page number or total as the generated types hold it (`i32`, `i64`, or either in an `Option`), read and
/// written as `i64` so that [`Paginated`] implementations stay one line each.
pub trait PageValue {
    /// The value, if set.
    fn page_value(&self) -> Option<i64>;
    /// Stores `value`; `false` (and unchanged) when it does not fit.
    fn set_page_value(&mut self, value: i64) -> bool;
}

impl PageValue for i32 {
    fn page_value(&self) -> Option<i64> {
        Some(i64::from(*self))
    }

    fn set_page_value(&mut self, value: i64) -> bool {
        match i32::try_from(value) {
            Ok(value) => {
                *self = value;
                true
            }
            Err(_) => false,
        }
    }
}

impl PageValue for i64 {
    fn page_value(&self) -> Option<i64> {
        Some(*self)
    }

    fn set_page_value(&mut self, value: i64) -> bool {
        *self = value;
        true
    }
}

impl<T: PageValue + Default> PageValue for Option<T> {
    fn page_value(&self) -> Option<i64> {
        self.as_ref().and_then(PageValue::page_value)
    }

    fn set_page_value(&mut self, value: i64) -> bool {
        let mut slot = T::default();
        if slot.set_page_value(value) {
            *self = Some(slot);
            true
        } else {
            false
        }
    }
}

type PageFuture<R> = Pin<
    Box<
        dyn Future<Output = Result<<R as Paginated>::Response, <R as Paginated>::Error>>
            + Send
            + 'static,
    >,
>;

/// Every page of a list operation, in order: a [`Stream`] of `Result<Response, Error>`.
///
/// Made by [`Client::paginate`] (or a generated client's `<operation>_paginator`). Pages are fetched one at a
/// time, when asked for; each is an ordinary call (signed afresh, retried per the client's policy, traced).
/// See the [module documentation](self) for when it stops.
pub struct Paginator<R: Paginated> {
    client: Client,
    /// The request for the next page; `None` once there is none.
    next: Option<R>,
    in_flight: Option<(R, PageFuture<R>)>,
    /// Items on the pages before the first one fetched (page numbers only).
    skipped: i64,
    /// Items received so far.
    seen: i64,
    /// The last token sent (tokens only).
    sent_token: Option<String>,
    pages: u32,
    max_pages: u32,
}

// No field is structurally pinned: the only future is boxed.
impl<R: Paginated> Unpin for Paginator<R> {}

impl<R: Paginated> fmt::Debug for Paginator<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("action", &R::OPERATION.action)
            .field("pages", &self.pages)
            .field("max_pages", &self.max_pages)
            .field("done", &self.is_done())
            .finish_non_exhaustive()
    }
}

impl<R: Paginated> Paginator<R> {
    /// Pages through `request`'s operation with `client`, starting at the page `request` asks for (the first
    /// page when it asks for none).
    pub fn new(client: Client, request: R) -> Self {
        Self {
            client,
            next: Some(request),
            in_flight: None,
            skipped: 0,
            seen: 0,
            sent_token: None,
            pages: 0,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }

    /// Fetches at most `pages` pages (at least one).
    pub fn max_pages(mut self, pages: u32) -> Self {
        self.max_pages = pages.max(1);
        self
    }

    /// How many pages have been received so far (errors included).
    pub fn pages_fetched(&self) -> u32 {
        self.pages
    }

    /// Whether the stream has ended.
    pub fn is_done(&self) -> bool {
        self.next.is_none() && self.in_flight.is_none()
    }

    /// The items of the pages instead of the pages.
    pub fn items(self) -> Items<R> {
        Items {
            pages: self,
            buffer: Vec::new().into_iter(),
        }
    }

    /// The next page, or `None` at the end: the stream's next element without a stream library.
    pub async fn next_page(&mut self) -> Option<Result<R::Response, R::Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Starts fetching the next page; `false` when there is none to fetch.
    fn start(&mut self) -> bool {
        let Some(mut request) = self.next.take() else {
            return false;
        };
        if self.pages >= self.max_pages {
            tracing::warn!(
                action = R::OPERATION.action,
                pages = self.pages,
                "paginator stopped at its page limit (Paginator::max_pages)"
            );
            return false;
        }
        if self.pages == 0
            && let Paging::PageNumber { first } = R::PAGING
        {
            let (number, size) = request.page();
            match number {
                // Ask for the first page explicitly, so the count starts where the service's does.
                None => {
                    request.set_page(first);
                }
                Some(number) => {
                    let before = number.saturating_sub(first).max(0);
                    self.skipped = before.saturating_mul(size.unwrap_or(0).max(0));
                }
            }
        }
        let client = self.client.clone();
        let params = request.params();
        let future: PageFuture<R> =
            Box::pin(async move { client.call(R::OPERATION, &params, R::PARSE).await });
        self.in_flight = Some((request, future));
        true
    }

    /// The request for the page after `response`, or `None` when `response` is the last page.
    fn advance(&mut self, mut request: R, response: &mut R::Response) -> Option<R> {
        match R::PAGING {
            Paging::PageNumber { first } => {
                let count = R::items(response).map_or(0, |items| items.len());
                self.seen = self
                    .seen
                    .saturating_add(i64::try_from(count).unwrap_or(i64::MAX));
                if !more_pages(
                    count,
                    self.skipped.saturating_add(self.seen),
                    R::total(response),
                ) {
                    return None;
                }
                let number = request.page().0.unwrap_or(first);
                let next = number.checked_add(1)?;
                request.set_page(next).then_some(request)
            }
            Paging::Token => {
                let token = R::next_token(response).filter(|token| !token.is_empty())?;
                if self.sent_token.as_deref() == Some(token) {
                    tracing::warn!(
                        action = R::OPERATION.action,
                        "paginator stopped: the service repeated the token it was sent"
                    );
                    return None;
                }
                let token = token.to_owned();
                self.sent_token = Some(token.clone());
                request.set_token(token).then_some(request)
            }
        }
    }
}

/// Whether a page-number operation has more pages after one with `count` items, `received` items in all
/// so far (counting the pages before the starting one), and the reported `total`.
fn more_pages(count: usize, received: i64, total: Option<i64>) -> bool {
    count > 0 && total.is_none_or(|total| received < total)
}

impl<R: Paginated> Stream for Paginator<R> {
    type Item = Result<R::Response, R::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.in_flight.is_none() && !this.start() {
            return Poll::Ready(None);
        }
        let Some((_, future)) = this.in_flight.as_mut() else {
            return Poll::Ready(None);
        };
        let outcome = ready!(future.as_mut().poll(cx));
        let Some((request, _)) = this.in_flight.take() else {
            return Poll::Ready(None);
        };
        this.pages += 1;
        Poll::Ready(Some(match outcome {
            Ok(mut response) => {
                this.next = this.advance(request, &mut response);
                Ok(response)
            }
            Err(error) => {
                this.next = None;
                Err(error)
            }
        }))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.is_done() {
            (0, Some(0))
        } else {
            (0, None)
        }
    }
}

/// Every item of every page, in order: a [`Stream`] of `Result<Item, Error>` (an error ends it).
pub struct Items<R: Paginated> {
    pages: Paginator<R>,
    buffer: std::vec::IntoIter<R::Item>,
}

impl<R: Paginated> Unpin for Items<R> {}

impl<R: Paginated> fmt::Debug for Items<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.buffer.len())
            .finish()
    }
}

impl<R: Paginated> Items<R> {
    /// The next item, or `None` at the end: the stream's next element without a stream library.
    pub async fn next_item(&mut self) -> Option<Result<R::Item, R::Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// How many pages have been received so far.
    pub fn pages_fetched(&self) -> u32 {
        self.pages.pages_fetched()
    }
}

impl<R: Paginated> Stream for Items<R> {
    type Item = Result<R::Item, R::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                Some(Ok(mut page)) => {
                    this.buffer = R::items(&mut page)
                        .map(std::mem::take)
                        .unwrap_or_default()
                        .into_iter();
                }
            }
        }
    }
}

impl Client {
    /// Every page of `request`'s operation, starting at the page it asks for (see [`Paginator`]).
    pub fn paginate<R: Paginated>(&self, request: R) -> Paginator<R> {
        Paginator::new(self.clone(), request)
    }
}

#[cfg(test)]
#[path = "paginate_tests.rs"]
mod tests;
