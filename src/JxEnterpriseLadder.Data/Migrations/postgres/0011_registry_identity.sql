-- 0011 which registry this is: a promotion model records the registry it learnt from, and a registry refuses a model
-- of another (issue 18). One row; written when the schema is created (a random id) or by the demo generator (an id of
-- its options, so the same demo province is the same registry wherever it is generated). Keep in step with the other
-- dialect's file.
CREATE TABLE registry_identity (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    id TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL
);
-- A stored forecast's own score (the learner's raw score, or the rules key): lists sort by probability, then by it.
ALTER TABLE predictions ADD COLUMN score DOUBLE PRECISION NULL;
