-- 0007 summaries for the search and the dashboard (docs/decisions/0009): kept by the writers in the same transaction
-- as each change (src/JxEnterpriseLadder.Data/Summaries.cs), filled for an existing registry right after this file.
-- Keep in step with the other dialect's file and data-dictionary/fields.json.
ALTER TABLE ladder_positions ADD COLUMN qualified_tiers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ladder_positions ADD COLUMN undetermined_tiers INTEGER NOT NULL DEFAULT 0;
-- One row per enterprise (the writers add it with the enterprise), so the search joins it one to one and, sorted
-- by probability, reads ix_best_probabilities_rank in order and stops at the page. A table of its own: a scoring
-- rewrites these narrow rows, not the enterprises'.
CREATE TABLE best_probabilities (
    credit_code TEXT PRIMARY KEY REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    probability REAL NULL
);
CREATE INDEX ix_best_probabilities_rank ON best_probabilities(probability DESC, credit_code);
-- A city's or a park's enterprises by name (the search's default within a scope) read as one range of an index.
CREATE INDEX ix_enterprises_city_name ON enterprises(city_code, name);
CREATE INDEX ix_enterprises_park_name ON enterprises(park_code, name);
-- Every search and dashboard asks for the latest prediction year first: an index answers MAX(base_year).
CREATE INDEX ix_predictions_base_year ON predictions(base_year);
CREATE TABLE recognition_counts (
    year INTEGER NOT NULL,
    city_code TEXT NOT NULL,
    park_code TEXT NOT NULL,
    chain_code TEXT NOT NULL,
    measure TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (year, city_code, park_code, chain_code, measure)
);
CREATE TABLE prediction_totals (
    base_year INTEGER NOT NULL,
    target_group TEXT NOT NULL,
    city_code TEXT NOT NULL,
    park_code TEXT NOT NULL,
    pool BIGINT NOT NULL,
    expected REAL NOT NULL,
    variance REAL NOT NULL,
    PRIMARY KEY (base_year, target_group, city_code, park_code)
);
