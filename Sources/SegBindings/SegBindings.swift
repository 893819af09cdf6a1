// The SegBindings module; see docs/architecture.md.
