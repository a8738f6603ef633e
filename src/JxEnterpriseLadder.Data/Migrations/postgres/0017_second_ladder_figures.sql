-- 0017 the second ladder's figures (issue 21): per year, main-business revenue, net profit, R&D staff and the official
-- 专精特新发展评价 score; per enterprise, the row of the 300号 size table, when it entered its niche market, and whether its
-- main product is a strategic emerging industry's. All may be unknown (null): the rules then ask for them.
-- Keep in step with the other dialect's file.
ALTER TABLE filings ADD COLUMN main_business_revenue NUMERIC(18,2) NULL;
ALTER TABLE filings ADD COLUMN net_profit NUMERIC(18,2) NULL;
ALTER TABLE filings ADD COLUMN rd_staff INTEGER NULL CHECK (rd_staff >= 0);
ALTER TABLE filings ADD COLUMN development_score NUMERIC(5,2) NULL;
ALTER TABLE enterprises ADD COLUMN size_industry TEXT NULL;
ALTER TABLE enterprises ADD COLUMN niche_entered_on DATE NULL;
ALTER TABLE enterprises ADD COLUMN strategic_emerging BOOLEAN NULL;
