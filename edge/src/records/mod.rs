//! Floor 2, the records: D1 reads and writes, one module per stored thing. A record function
//! takes the context (or the D1 handle) and plain values, never a request body, and answers
//! rows or API types. Records import the ground; a few build on another record (participant
//! and staff on session, the `me` view and the retention job on several), never in a circle.

pub mod assignments;
pub mod audit;
pub mod business;
pub mod codes;
pub mod consent;
pub mod device_links;
pub mod feedback;
pub mod me;
pub mod participant;
pub mod private_access;
pub mod programme;
pub mod progress;
pub mod responses;
pub mod retention;
pub mod session;
pub mod staff;
pub mod staff_totp;
pub mod stats;
pub mod summary;
pub mod throttle;
