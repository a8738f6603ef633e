-- 0014 indexes for the search's count (issue 20, docs/decisions/0022): a search counts its matches up to 100,000; these
-- let a city's (park's, chain's) enterprises and the latest screening's outcomes be read from indexes alone, in
-- credit-code order. SQLite has no INCLUDE: the outcome columns are the index's trailing keys.
-- Keep in step with the other dialect's file.
DROP INDEX ix_enterprises_city;
DROP INDEX ix_enterprises_park;
DROP INDEX ix_enterprises_chain;
CREATE INDEX ix_enterprises_city ON enterprises(city_code, credit_code);
CREATE INDEX ix_enterprises_park ON enterprises(park_code, credit_code);
CREATE INDEX ix_enterprises_chain ON enterprises(chain_code, credit_code);
CREATE INDEX ix_ladder_positions_latest_outcomes ON ladder_positions(credit_code, qualified_tiers, undetermined_tiers, recognized_tier, qualified_tier)
    WHERE latest = 1;
