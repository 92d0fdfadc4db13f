//! The browser surface (filled in next).
