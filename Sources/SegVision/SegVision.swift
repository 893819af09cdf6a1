// The SegVision module; see docs/architecture.md.
