-- 0015 the second ladder's tiers (issue 21, docs/decisions/0023): innovative-sme, specialised-sme, little-giant and
-- innovation-demo are bits 7–10 of the outcome masks (their places in TierIds.All: 128 + 256 + 512 + 1024 = 1920). A
-- position stored before them was never assessed for them: it says so (undetermined, not "not qualified") and is made
-- stale, so that the next screening assesses every enterprise again.
-- Keep in step with the other dialect's file.
UPDATE ladder_positions SET undetermined_tiers = undetermined_tiers | 1920, record_version = NULL;
