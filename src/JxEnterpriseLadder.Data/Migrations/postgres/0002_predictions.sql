-- 0002 promotion predictions: one probability per enterprise, rung and base year, with its top factors.
-- Keep in step with the other dialect's file and data-dictionary/fields.json.
CREATE TABLE predictions (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    transition TEXT NOT NULL,
    base_year INTEGER NOT NULL,
    probability DOUBLE PRECISION NOT NULL CHECK (probability >= 0 AND probability <= 1),
    target_group TEXT NOT NULL,
    model TEXT NOT NULL,
    factors TEXT NOT NULL,
    PRIMARY KEY (credit_code, transition, base_year)
);
CREATE INDEX ix_predictions_rank ON predictions(transition, base_year, probability DESC);
