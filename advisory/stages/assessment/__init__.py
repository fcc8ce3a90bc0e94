"""Stage 1, the assessment report: country context, regional profile, policy self-assessment and expert findings."""
