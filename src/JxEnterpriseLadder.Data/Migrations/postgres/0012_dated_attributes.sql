-- 0012 dated attributes (issue 18): when the enterprise listed, and where it was before each move of city or park, so a
-- year-end snapshot reads them as they stood then. A move row says: until changed_on the enterprise was in
-- previous_city_code / previous_park_code; from then on, where the next move (or the enterprise row) says.
-- Keep in step with the other dialect's file and data-dictionary/fields.json.
ALTER TABLE enterprises ADD COLUMN listed_on DATE NULL;
CREATE TABLE location_changes (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    changed_on DATE NOT NULL,
    previous_city_code TEXT NOT NULL,
    previous_park_code TEXT NULL,
    PRIMARY KEY (credit_code, changed_on)
);
