//! Demand over time: traffic profiles and measured series, expanded to requests/s per minute.
