//! The annotation file format (filled in next).
