-- 0004 screening review: each enterprise's place on the ladder per screening date (for search and dashboards), the
-- officers' review decisions on changes between screenings, and enterprises' saved self-checks. Append-only tables:
-- the app never updates or deletes a decision. Keep in step with the other dialect's file and data-dictionary/fields.json.
CREATE TABLE ladder_positions (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    as_of TEXT NOT NULL,
    recognized_tier TEXT NULL,
    qualified_tier TEXT NULL,
    latest SMALLINT NOT NULL DEFAULT 0 CHECK (latest IN (0, 1)),
    PRIMARY KEY (as_of, credit_code)
);
CREATE INDEX ix_ladder_positions_enterprise ON ladder_positions(credit_code, as_of);
-- 1 on each enterprise's latest screening (a screening may cover one city): searches and counts join on it.
CREATE INDEX ix_ladder_positions_latest ON ladder_positions(latest, credit_code);
CREATE TABLE review_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    tier TEXT NOT NULL,
    as_of TEXT NOT NULL,
    previous_as_of TEXT NULL,
    change TEXT NOT NULL CHECK (change IN ('newly-qualified', 'no-longer-qualified')),
    decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
    note TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at BIGINT NOT NULL,
    parameters TEXT NOT NULL
);
CREATE INDEX ix_review_decisions_subject ON review_decisions(as_of, tier, credit_code);
CREATE TABLE self_checks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    saved_by TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    profile TEXT NOT NULL,
    outcomes TEXT NOT NULL
);
CREATE INDEX ix_self_checks_enterprise ON self_checks(credit_code);
CREATE INDEX ix_enterprises_name ON enterprises(name);
-- The enterprise search shows each enterprise's best probability: a covering index answers it without the table.
CREATE INDEX ix_predictions_enterprise ON predictions(credit_code, base_year, probability);
