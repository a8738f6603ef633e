-- 0008 one stored row per enterprise and screening date (docs/decisions/0010): the seven tiers' outcomes are the bits
-- of ladder_positions.qualified_tiers and undetermined_tiers (0007); each tier's score and parameter versions move to
-- tier_results, one row per position ("tier=score:version;version|…", src/JxEnterpriseLadder.Data/TierResults.cs),
-- and assessments goes. A screening of a province writes 200,000 rows instead of 800,000. The text is a table of its
-- own so that the positions the search and the dashboard scan stay narrow; the writers replace a position's row with
-- the position (RegistryRepository.ReplaceScreening). Keep in step with the other dialect's file
-- and data-dictionary/fields.json.
-- Results stored before 0004 have no position: one is made for each such screening (its highest qualified tier by the
-- ladder's order, parameters/ladder/2016-01-01; recognition unknown), not marked latest, as the app showed them, so
-- that nothing stored is lost.
INSERT INTO ladder_positions (credit_code, as_of, recognized_tier, qualified_tier, latest)
SELECT a.credit_code, a.as_of, NULL,
       CASE MAX(CASE WHEN a.outcome = 'qualified' THEN CASE a.tier WHEN 'tech-sme' THEN 1 WHEN 'hnte' THEN 2 WHEN 'potential-gazelle' THEN 3
                WHEN 'gazelle' THEN 4 WHEN 'seed-unicorn' THEN 5 WHEN 'potential-unicorn' THEN 6 WHEN 'unicorn' THEN 7 END END)
           WHEN 1 THEN 'tech-sme' WHEN 2 THEN 'hnte' WHEN 3 THEN 'potential-gazelle' WHEN 4 THEN 'gazelle'
           WHEN 5 THEN 'seed-unicorn' WHEN 6 THEN 'potential-unicorn' WHEN 7 THEN 'unicorn' END,
       0
FROM assessments a
WHERE NOT EXISTS (SELECT 1 FROM ladder_positions l WHERE l.credit_code = a.credit_code AND l.as_of = a.as_of)
GROUP BY a.credit_code, a.as_of;
-- The outcome bits from the stored results (bit i is tier i of Summaries.TierOrder), for a registry that had results
-- before 0007 filled them; the same bits for one that had them.
UPDATE ladder_positions SET
    qualified_tiers = (SELECT COALESCE(SUM(CASE a.tier WHEN 'tech-sme' THEN 1 WHEN 'hnte' THEN 2 WHEN 'gazelle' THEN 4 WHEN 'potential-gazelle' THEN 8 WHEN 'unicorn' THEN 16 WHEN 'potential-unicorn' THEN 32 WHEN 'seed-unicorn' THEN 64 ELSE 0 END), 0)
        FROM assessments a WHERE a.credit_code = ladder_positions.credit_code AND a.as_of = ladder_positions.as_of AND a.outcome = 'qualified'),
    undetermined_tiers = (SELECT COALESCE(SUM(CASE a.tier WHEN 'tech-sme' THEN 1 WHEN 'hnte' THEN 2 WHEN 'gazelle' THEN 4 WHEN 'potential-gazelle' THEN 8 WHEN 'unicorn' THEN 16 WHEN 'potential-unicorn' THEN 32 WHEN 'seed-unicorn' THEN 64 ELSE 0 END), 0)
        FROM assessments a WHERE a.credit_code = ladder_positions.credit_code AND a.as_of = ladder_positions.as_of AND a.outcome = 'undetermined');
CREATE TABLE tier_results (
    as_of DATE NOT NULL,
    credit_code TEXT NOT NULL,
    results TEXT NOT NULL,
    PRIMARY KEY (as_of, credit_code),
    FOREIGN KEY (credit_code) REFERENCES enterprises(credit_code) ON DELETE CASCADE
);
INSERT INTO tier_results (as_of, credit_code, results)
SELECT a.as_of, a.credit_code, string_agg(a.tier || '=' || COALESCE(a.score::text, '') || ':' || a.parameters, '|' ORDER BY a.tier)
FROM assessments a JOIN ladder_positions l ON l.credit_code = a.credit_code AND l.as_of = a.as_of
GROUP BY a.as_of, a.credit_code;
DROP TABLE assessments;
