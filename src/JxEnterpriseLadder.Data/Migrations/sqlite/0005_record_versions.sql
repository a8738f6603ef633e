-- 0005 record versions for incremental screening: every change to an enterprise or any of its dated records
-- increments enterprises.record_version; a screening stores, with each position, the version it assessed. An
-- incremental screening then reassesses only the enterprises whose record moved on since (docs/decisions/0007).
-- Keep in step with the other dialect's file and data-dictionary/fields.json.
ALTER TABLE enterprises ADD COLUMN record_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ladder_positions ADD COLUMN record_version BIGINT NULL;
