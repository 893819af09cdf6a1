// The SegNN module; see docs/architecture.md.
