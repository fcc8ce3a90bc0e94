"""The peer review (stage 4): reviewer pool, assignment, meeting pack, review intake and report."""
