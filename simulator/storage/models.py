"""SQLAlchemy models: the bank (a cache built from question_db/) and the user's attempts.

They live in two files on purpose: the bank can be rebuilt at any time from the
shipped text, while the user database holds the only copy of the candidate's work.
A change to the user models needs a migration (storage/migrations.py).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class BankBase(DeclarativeBase):
    pass


class UserBase(DeclarativeBase):
    pass


class BankItem(BankBase):
    __tablename__ = "items"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    domain: Mapped[str] = mapped_column(String(80), index=True)
    subtopic: Mapped[str] = mapped_column(String(120))
    level: Mapped[str] = mapped_column(String(16))
    difficulty: Mapped[float] = mapped_column(Float)
    term: Mapped[str] = mapped_column(String(200), default="")
    stem: Mapped[str] = mapped_column(Text)
    options_json: Mapped[str] = mapped_column(Text)  # a JSON list of 2 to 6 option texts, A first
    key: Mapped[str] = mapped_column(String(1))
    explanation: Mapped[str] = mapped_column(Text)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    calc_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    exhibit_json: Mapped[str | None] = mapped_column(Text, nullable=True)  # {caption, columns, rows}
    angoff_json: Mapped[str | None] = mapped_column(Text, nullable=True)   # the raters' probabilities
    source: Mapped[str] = mapped_column(String(200), default="")


class BankMeta(BankBase):
    __tablename__ = "meta"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UserMeta(UserBase):
    __tablename__ = "meta"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Attempt(UserBase):
    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[str] = mapped_column(String(32))
    finished_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="in_progress", index=True)
    candidate: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(8), default="exam")
    form_seed: Mapped[int] = mapped_column(Integer)
    time_allowed_s: Mapped[float] = mapped_column(Float)
    time_used_s: Mapped[float] = mapped_column(Float, default=0.0)
    extra_time_pct: Mapped[float] = mapped_column(Float, default=0.0)
    onvue: Mapped[bool] = mapped_column(Boolean, default=False)
    focus_losses: Mapped[int] = mapped_column(Integer, default=0)
    phase: Mapped[str] = mapped_column(String(16), default="items")
    position: Mapped[int] = mapped_column(Integer, default=0)
    passing_theta: Mapped[float] = mapped_column(Float)
    domains_json: Mapped[str] = mapped_column(Text)  # the blueprint's domain order at the time
    scaled_score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    passed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    raw_correct: Mapped[int | None] = mapped_column(Integer, nullable=True)
    raw_cut: Mapped[float | None] = mapped_column(Float, nullable=True)
    # schema 2: the colour scheme / text size of this attempt, a JSON object
    settings_json: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    # schema 3: "exam" or "practice" (a practice set: feedback after each answer, no score)
    kind: Mapped[str] = mapped_column(String(8), default="exam", server_default="exam")

    items: Mapped[list[AttemptItem]] = relationship(
        back_populates="attempt", order_by="AttemptItem.position", cascade="all, delete-orphan")


class AttemptItem(UserBase):
    """One item of an attempt's form. Domain, key and difficulty are copied from
    the bank so that an attempt can be scored and reported even after the bank changes."""

    __tablename__ = "attempt_items"

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(16), index=True)
    domain: Mapped[str] = mapped_column(String(80))
    key: Mapped[str] = mapped_column(String(1))
    difficulty: Mapped[float] = mapped_column(Float)
    pretest: Mapped[bool] = mapped_column(Boolean)
    response: Mapped[str | None] = mapped_column(String(1), nullable=True)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    visited: Mapped[bool] = mapped_column(Boolean, default=False)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    struck: Mapped[str] = mapped_column(String(4), default="")
    # schema 2: highlighted [start, end) spans of the stem, a JSON list of pairs ('' for none)
    highlights: Mapped[str] = mapped_column(Text, default="", server_default="")
    # schema 4: the item as it was shown, so resume and review show it even after the bank
    # changes (a fixed item, a template's numbers); NULL in attempts from before
    stem: Mapped[str | None] = mapped_column(Text, nullable=True)
    options_json: Mapped[str | None] = mapped_column(Text, nullable=True)  # a JSON list, A first
    exhibit_json: Mapped[str | None] = mapped_column(Text, nullable=True)  # {caption, columns, rows}
    explanation: Mapped[str | None] = mapped_column(Text, nullable=True)
    seed: Mapped[int | None] = mapped_column(Integer, nullable=True)       # a template item's seed

    attempt: Mapped[Attempt] = relationship(back_populates="items")


class Card(UserBase):
    """Schema 3: the spaced-repetition card of one item (FSRS), kept by storage/cards.py.
    It is a cache of the review logs: it can always be rebuilt by replaying them."""

    __tablename__ = "cards"

    item_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    due: Mapped[str] = mapped_column(String(32), index=True)  # ISO 8601, UTC
    state: Mapped[int] = mapped_column(Integer)
    last_review: Mapped[str] = mapped_column(String(32))
    card_json: Mapped[str] = mapped_column(Text)


class ReviewLog(UserBase):
    """Schema 3: one answer that reviewed a card: an exam item when the exam was scored,
    a practice item when it was answered. Deleting the attempt deletes its logs."""

    __tablename__ = "review_logs"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(16), index=True)
    correct: Mapped[bool] = mapped_column(Boolean)
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[str] = mapped_column(String(32))  # ISO 8601, UTC
    seconds: Mapped[float] = mapped_column(Float)
