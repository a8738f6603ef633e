-- 0010 the HNTE innovation score's judged items, held per enterprise so a screening can score them (criteria.md §2.2;
-- 国科发火〔2016〕195号 四（二）1 and 3): the two expert grades A–E and the four facts of R&D organisation and
-- management, with where they came from (an officer, an import, or the enterprise's own saved self-check), who and when.
-- Keep in step with the other dialect's file and data-dictionary/fields.json.
ALTER TABLE enterprises ADD COLUMN hnte_tech_advancement TEXT NULL CHECK (hnte_tech_advancement IN ('A', 'B', 'C', 'D', 'E'));
ALTER TABLE enterprises ADD COLUMN hnte_core_support TEXT NULL CHECK (hnte_core_support IN ('A', 'B', 'C', 'D', 'E'));
ALTER TABLE enterprises ADD COLUMN hnte_rd_rules_and_accounts INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN hnte_rd_unit_and_cooperation INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN hnte_commercialization_incentives INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN hnte_talent_rules INTEGER NULL;
ALTER TABLE enterprises ADD COLUMN hnte_judged_basis TEXT NULL CHECK (hnte_judged_basis IN ('officer', 'import', 'self-assessed'));
ALTER TABLE enterprises ADD COLUMN hnte_judged_by TEXT NULL;
ALTER TABLE enterprises ADD COLUMN hnte_judged_on TEXT NULL;
