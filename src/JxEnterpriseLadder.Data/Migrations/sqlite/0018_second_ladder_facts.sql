-- 0018 the rest of the second ladder's facts (issue 21, criteria-quality-sme.md §7). Per enterprise: the niche market and
-- the main product's national share, ownership, the 精细化 management and quality facts, and the judged 链/品/chain role
-- with who confirmed them and when. Per IP item: related to the main product, high value, when a transferred item was
-- acquired, applied with benefit. Per financing round: the amount paid in by qualified investors. Three new tables:
-- R&D institutions, science and technology awards, and places in the 创客中国 national final. All may be unknown (null;
-- no row: not known); the rules then ask for them. Keep in step with the other dialect's file.
ALTER TABLE enterprises ADD COLUMN niche_market TEXT NULL;
ALTER TABLE enterprises ADD COLUMN national_market_share TEXT NULL;
ALTER TABLE enterprises ADD COLUMN chinese_controlled INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN related_to_little_giant INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN digitalisation_level INTEGER NULL CHECK (digitalisation_level BETWEEN 1 AND 4);
ALTER TABLE enterprises ADD COLUMN core_businesses_on_systems INTEGER NULL CHECK (core_businesses_on_systems >= 0);
ALTER TABLE enterprises ADD COLUMN quality_award INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN quality_system_certificate INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN own_brand INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN standard_drafting INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN developed_market_certification INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN chain_role TEXT NULL;
ALTER TABLE enterprises ADD COLUMN key_chain_link INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN priority_field INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN chain_judged_by TEXT NULL;
ALTER TABLE enterprises ADD COLUMN chain_judged_on TEXT NULL;
ALTER TABLE ip_holdings ADD COLUMN related_to_main_product INTEGER NULL;
ALTER TABLE ip_holdings ADD COLUMN high_value INTEGER NULL;
ALTER TABLE ip_holdings ADD COLUMN acquired_on TEXT NULL;
ALTER TABLE ip_holdings ADD COLUMN applied_with_benefit INTEGER NULL;
ALTER TABLE financing_rounds ADD COLUMN qualified_paid_in TEXT NULL;
CREATE TABLE rd_institutions (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    kind TEXT NULL,
    recognised_on TEXT NOT NULL,
    joint INTEGER NULL,
    PRIMARY KEY (credit_code, name)
);
CREATE TABLE awards (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    awarded_on TEXT NOT NULL,
    rank INTEGER NULL CHECK (rank >= 1),
    PRIMARY KEY (credit_code, name, awarded_on)
);
CREATE TABLE contest_results (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    national_top INTEGER NOT NULL,
    PRIMARY KEY (credit_code, year)
);
-- A screening counts IP in the database and reads whole only the items listed for the second ladder: this index holds
-- just those, so that reading them costs nothing where none are listed.
CREATE INDEX ip_holdings_listed ON ip_holdings (credit_code) WHERE related_to_main_product IS NOT NULL;
