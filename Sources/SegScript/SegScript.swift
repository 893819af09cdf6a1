// The SegScript module; see docs/architecture.md.
