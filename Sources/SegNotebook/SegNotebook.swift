// The SegNotebook module; see docs/architecture.md.
