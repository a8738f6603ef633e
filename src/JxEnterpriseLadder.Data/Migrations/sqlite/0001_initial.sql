-- 0001 initial registry schema. Keep in step with the other dialect's file and data-dictionary/fields.json.

CREATE TABLE cities (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE parks (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    city_code TEXT NOT NULL REFERENCES cities(code),
    kind TEXT NOT NULL
);
CREATE TABLE industry_chains (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    industry TEXT NOT NULL,
    hitech_field TEXT NOT NULL
);
CREATE TABLE enterprises (
    credit_code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    registered_on TEXT NOT NULL,
    city_code TEXT NOT NULL REFERENCES cities(code),
    county TEXT NULL,
    park_code TEXT NULL REFERENCES parks(code),
    chain_code TEXT NULL REFERENCES industry_chains(code),
    industry TEXT NULL,
    hitech_field TEXT NULL,
    listed INTEGER NOT NULL DEFAULT 0,
    resident INTEGER NOT NULL DEFAULT 1,
    prohibited_industry INTEGER NOT NULL DEFAULT 0,
    branch_or_trading_only INTEGER NOT NULL DEFAULT 0,
    national_award_year INTEGER NULL,
    rd_institution_year INTEGER NULL,
    led_standard_year INTEGER NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_enterprises_city ON enterprises(city_code);
CREATE INDEX ix_enterprises_park ON enterprises(park_code);
CREATE INDEX ix_enterprises_chain ON enterprises(chain_code);
CREATE TABLE filings (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    employees INTEGER NULL CHECK (employees >= 0),
    tech_staff INTEGER NULL CHECK (tech_staff >= 0),
    sales_revenue TEXT NULL,
    total_income TEXT NULL,
    hitech_income TEXT NULL,
    total_costs_and_expenses TEXT NULL,
    rd_expense TEXT NULL,
    rd_expense_domestic TEXT NULL,
    total_assets TEXT NULL,
    total_liabilities TEXT NULL,
    results_commercialized INTEGER NULL CHECK (results_commercialized >= 0),
    PRIMARY KEY (credit_code, year)
);
CREATE TABLE ip_holdings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    ip_class INTEGER NOT NULL CHECK (ip_class IN (1, 2)),
    kind TEXT NOT NULL,
    own_rd INTEGER NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NULL
);
CREATE INDEX ix_ip_holdings_enterprise ON ip_holdings(credit_code);
CREATE TABLE tech_sme_registrations (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    registration_number TEXT NOT NULL,
    PRIMARY KEY (credit_code, year)
);
CREATE TABLE hnte_certificates (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    certificate_number TEXT NOT NULL PRIMARY KEY,
    issued_on TEXT NOT NULL
);
CREATE INDEX ix_hnte_certificates_enterprise ON hnte_certificates(credit_code);
CREATE TABLE list_entries (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    tier TEXT NOT NULL,
    year INTEGER NOT NULL,
    PRIMARY KEY (credit_code, tier, year)
);
CREATE TABLE financing_rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    round_date TEXT NOT NULL,
    amount TEXT NOT NULL,
    post_money_valuation TEXT NULL,
    currency TEXT NOT NULL CHECK (currency IN ('CNY', 'USD')),
    professional_investor INTEGER NOT NULL
);
CREATE INDEX ix_financing_rounds_enterprise ON financing_rounds(credit_code);
CREATE TABLE clean_record_events (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    flag TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    PRIMARY KEY (credit_code, flag, occurred_on)
);
CREATE TABLE assessments (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    as_of TEXT NOT NULL,
    tier TEXT NOT NULL,
    outcome TEXT NOT NULL,
    score INTEGER NULL,
    parameters TEXT NOT NULL,
    PRIMARY KEY (credit_code, as_of, tier)
);
CREATE INDEX ix_assessments_as_of_tier ON assessments(as_of, tier, outcome);
