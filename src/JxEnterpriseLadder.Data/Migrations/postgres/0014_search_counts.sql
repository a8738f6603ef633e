-- 0014 indexes for the search's count (issue 20, docs/decisions/0022): a search counts its matches up to 100,000, and
-- a filter on the latest screening's outcome within a city read every enterprise of the city from the table and every
-- position from its table (364 ms with a million enterprises). These let both sides be read from an index alone, in credit-code
-- order, and merged (100 ms cold, under 80 ms warm).
-- Keep in step with the other dialect's file.
DROP INDEX ix_enterprises_city;
DROP INDEX ix_enterprises_park;
DROP INDEX ix_enterprises_chain;
CREATE INDEX ix_enterprises_city ON enterprises(city_code, credit_code);
CREATE INDEX ix_enterprises_park ON enterprises(park_code, credit_code);
CREATE INDEX ix_enterprises_chain ON enterprises(chain_code, credit_code);
CREATE INDEX ix_ladder_positions_latest_outcomes ON ladder_positions(credit_code)
    INCLUDE (qualified_tiers, undetermined_tiers, recognized_tier, qualified_tier) WHERE latest = 1;
