//! attache-server
