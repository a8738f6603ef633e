-- 0019 what a second-ladder title asks of its holder while valid (issue 21 point 3, criteria-quality-sme.md §1.5 and §7
-- item 21): the yearly data update, done on updated_on for year (its deadline: title-lifecycle parameters, 30 April,
-- 31 May from 2026), and each major change (rename, merger, relocation…) with the day it was reported (null: not yet;
-- due within 3 months). Keep in step with the other dialect's file.
CREATE TABLE title_annual_updates (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    title TEXT NOT NULL,
    year INTEGER NOT NULL,
    updated_on TEXT NOT NULL,
    PRIMARY KEY (credit_code, title, year)
);
CREATE TABLE major_change_reports (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    changed_on TEXT NOT NULL,
    change TEXT NOT NULL,
    reported_on TEXT NULL,
    PRIMARY KEY (credit_code, changed_on, change)
);
