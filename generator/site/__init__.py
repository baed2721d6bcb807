"""The websites: page planning, rendering, MkDocs builds, post-build steps, publishing."""
