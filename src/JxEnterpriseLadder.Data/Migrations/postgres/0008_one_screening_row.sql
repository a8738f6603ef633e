-- 0008 one stored row per enterprise and screening date (docs/decisions/0010): the seven tiers' outcomes are the bits
-- of ladder_positions.qualified_tiers and undetermined_tiers (0007); each tier's score and parameter versions move to
-- tier_results ("tier=score:version;version|…", src/JxEnterpriseLadder.Data/TierResults.cs), and assessments goes.
-- A screening of a province writes 100,000 rows instead of 800,000. Keep in step with the other dialect's file and
-- data-dictionary/fields.json.
-- The outcome bits from the stored results (bit i is tier i of Summaries.TierOrder), for a registry that had results
-- before 0007 filled them; the same bits for one that had them.
UPDATE ladder_positions SET
    qualified_tiers = (SELECT COALESCE(SUM(CASE a.tier WHEN 'tech-sme' THEN 1 WHEN 'hnte' THEN 2 WHEN 'gazelle' THEN 4 WHEN 'potential-gazelle' THEN 8 WHEN 'unicorn' THEN 16 WHEN 'potential-unicorn' THEN 32 WHEN 'seed-unicorn' THEN 64 ELSE 0 END), 0)
        FROM assessments a WHERE a.credit_code = ladder_positions.credit_code AND a.as_of = ladder_positions.as_of AND a.outcome = 'qualified'),
    undetermined_tiers = (SELECT COALESCE(SUM(CASE a.tier WHEN 'tech-sme' THEN 1 WHEN 'hnte' THEN 2 WHEN 'gazelle' THEN 4 WHEN 'potential-gazelle' THEN 8 WHEN 'unicorn' THEN 16 WHEN 'potential-unicorn' THEN 32 WHEN 'seed-unicorn' THEN 64 ELSE 0 END), 0)
        FROM assessments a WHERE a.credit_code = ladder_positions.credit_code AND a.as_of = ladder_positions.as_of AND a.outcome = 'undetermined');
ALTER TABLE ladder_positions ADD COLUMN tier_results TEXT NOT NULL DEFAULT '';
UPDATE ladder_positions SET tier_results = r.results
FROM (SELECT credit_code, as_of, string_agg(tier || '=' || COALESCE(score::text, '') || ':' || parameters, '|' ORDER BY tier) AS results
      FROM assessments GROUP BY credit_code, as_of) AS r
WHERE ladder_positions.credit_code = r.credit_code AND ladder_positions.as_of = r.as_of;
DROP TABLE assessments;
