"""The unit of work: one session, its repositories and the project's clock; rolls back unless committed."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from advisory.adapters.store.repositories import (
    AccessTokenRepository,
    DraftRepository,
    EngagementRepository,
    FormPostRepository,
    Now,
    OutboxRepository,
    ProgrammeDocumentRepository,
)


class UnitOfWork:
    """`with UnitOfWork(factory, now) as uow: ...; uow.commit()` — rolls back unless committed.

    `immediate=True` is for a check and the write it allows (is this file new? is this stage ready?):
    on SQLite, which ignores SELECT ... FOR UPDATE, the transaction takes the database's write lock at
    its start (BEGIN IMMEDIATE), so no other writer can slip in between the check and the write. On
    PostgreSQL the repositories' row locks and the schema's unique indexes do that job.
    """

    def __init__(self, factory: sessionmaker[Session], now: Now, *, immediate: bool = False) -> None:
        self.factory = factory
        self.now = now
        self.immediate = immediate

    def __enter__(self) -> UnitOfWork:
        self.session = self.factory()
        if self.immediate and self.session.get_bind().dialect.name == "sqlite":
            self.session.execute(text("BEGIN IMMEDIATE"))
        self.engagements = EngagementRepository(self.session, self.now)
        self.tokens = AccessTokenRepository(self.session, self.now)
        self.drafts = DraftRepository(self.session, self.now)
        self.form_posts = FormPostRepository(self.session, self.now)
        self.outbox = OutboxRepository(self.session, self.now)
        self.programme = ProgrammeDocumentRepository(self.session, self.now)
        return self

    def __exit__(self, *exc: object) -> None:
        # close() rolls back anything uncommitted but, unlike rollback(), leaves loaded objects readable.
        self.session.close()

    def commit(self) -> None:
        self.session.commit()
