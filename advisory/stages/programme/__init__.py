"""The programme report (European Cluster Policy Forum): every demonstrator region side by side, above the stages.

Not a sixth stage of a region but a document of the programme, with the files every stage has
(`models`, `gather`, `build`, `template`) plus `transfers`, the rule that pairs one region's strength
with another's weakness. It reads only approved documents, so it changes when an approval does.
"""
