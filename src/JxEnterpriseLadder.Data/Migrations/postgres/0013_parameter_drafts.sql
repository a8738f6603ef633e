-- 0013 policy drafts (issue 22): an officer's proposed values for one parameter set, never in force. A draft holds only
-- the values it changes (a JSON object, key → value) over the set it was drafted from (based_on, "tier@date"); a
-- what-if screening reads it in place of the version in force at its date. Saving and removing are in the audit trail.
-- Keep in step with the other dialect's file and data-dictionary/fields.json.
CREATE TABLE parameter_drafts (
    name TEXT PRIMARY KEY,
    set_name TEXT NOT NULL,
    based_on TEXT NOT NULL,
    changes TEXT NOT NULL,
    note TEXT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
