"""The roles people have in the portal (a module of its own: the CLI offers them without loading the access rules)."""

from enum import StrEnum


class Role(StrEnum):
    CONTACT = "contact"
    REVIEWER = "reviewer"
    EXPERT = "expert"
    COORDINATOR = "coordinator"
