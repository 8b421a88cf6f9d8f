"""The stages of a build, in order: load → validate → enrich → group → render → convert."""
