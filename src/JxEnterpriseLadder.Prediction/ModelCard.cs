using System.Globalization;
using System.Text;

namespace JxEnterpriseLadder.Prediction;

/// <summary>The dated model card of one rung, written by every training (`jxladder ml train`, or the web app's) from the run itself.</summary>
public static class ModelCard
{
    public static string Render(TransitionEvaluation e, ModelManifest? m, TrainingSettings settings, string database)
    {
        var t = e.Transition;
        var s = new StringBuilder();
        s.AppendLine($"# 模型卡 · {t.Name} (`{t.Id}`)");
        s.AppendLine();
        s.AppendLine("<!-- Written by the training run itself (`jxladder ml train` or 模型训练 in the web app); `jxladder ml evaluate` reproduces the test-year table from the files. Do not edit by hand. -->");
        s.AppendLine();
        s.AppendLine($"Trained on {settings.TrainedOn:yyyy-MM-dd} from registry {e.RulesCalibration.RegistryDescription} (`{e.RulesCalibration.RegistryId}`, {database}). " +
                     "The app uses the model only on this registry; on any other it shows the rules baseline and says why.");
        s.AppendLine();
        var cuts = e.Model is { } mm
            ? $"top 10%: {P(mm.PrecisionAtK)} vs {P(e.Rules.PrecisionAtK)}; top 50 per park: {P(mm.PrecisionAtPark50)} vs {P(e.Rules.PrecisionAtPark50)}"
            : "no model";
        s.AppendLine(e.NotLearnt is { } why
            ? $"**Not shipped: too few entries.** {why}. Candidate lists and expected entries for this rung use the rules baseline, calibrated in `{t.Id}.rules.json`, and the pages say so."
            : e.Ships
            ? $"**Shipped**: `{t.Id}.zip` beside this card ({e.Chosen}, {e.Calibration} calibration). Its shortlists beat the rules baseline on both precision cuts in the test year ({cuts}), and its expected entries are {Ratio(e.Model)} of the actual (within ±{e.ExpectedTolerance * 100:0}%)."
            : $"**Not shipped.** The chosen model ({e.Chosen}) {(e.BeatsTheRules ? $"beats the rules baseline on both precision cuts ({cuts}) but expects {Ratio(e.Model)} of the actual entries in the test year, outside ±{e.ExpectedTolerance * 100:0}%" : $"does not beat the rules baseline on both precision cuts in the test year ({cuts})")}, so no model file is written: " +
              $"candidate lists and expected entries for this rung use the rules baseline, calibrated in `{t.Id}.rules.json`, and the pages say so.");
        s.AppendLine();
        s.AppendLine("## What it predicts");
        s.AppendLine();
        s.AppendLine($"From what the registry knew on 31 December of year t, whether an enterprise in the pool — {t.From} — is recognised as {t.To} in year t+1. " +
                     "The pool and the outcome are defined in `src/JxEnterpriseLadder.Prediction/Transitions.cs`.");
        s.AppendLine();
        s.AppendLine("## Years");
        s.AppendLine();
        s.AppendLine($"Out of time, never random. Every feature is computed from the record as it stood on 31 December of the base year (`YearEndSnapshot`), which a test checks by changing everything after that date.");
        s.AppendLine();
        s.AppendLine($"- Fitting: base years {e.TrainFrom}–{e.TrainTo} (outcomes {e.TrainFrom + 1}–{e.TrainTo + 1}): {e.TrainRows:N0} pool rows, {e.TrainPositives:N0} entered.");
        s.AppendLine($"- Validation: base year {e.ValidationBaseYear} (outcomes of {e.ValidationBaseYear + 1}, the last training year): chooses the learner and fits the calibration of the model and of the rules.");
        s.AppendLine($"- Test: base year {e.TestYear - 1} (outcomes of {e.TestYear}, the latest year with outcomes): {e.Rules.Pool:N0} pool rows, {e.Rules.Positives:N0} entered. Nothing is fitted on it.");
        if (m is not null) s.AppendLine($"- Features: version {m.FeatureVersion}, {m.Features.Count} (names in `data-dictionary/fields.json`, \"features\").");
        s.AppendLine();
        s.AppendLine("## Model choice (validation year, raw scores)");
        s.AppendLine();
        s.AppendLine("| learner | precision top 10% | precision top 50 per park | PR AUC | ROC AUC | chosen |");
        s.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var c in e.Candidates)
            s.AppendLine($"| {settings.Describe(c.Learner)} | {F(c.Validation.PrecisionAtK)} | {F(c.Validation.PrecisionAtPark50)} | {F(c.Validation.PrAuc)} | {F(c.Validation.RocAuc)} | {(c.Learner == e.Chosen ? "yes" : "")} |");
        s.AppendLine();
        s.AppendLine("The learner with the highest sum of the two precision cuts is chosen (PR AUC breaks a tie). Its raw score is calibrated on the same year: " +
                     "isotonic or Platt, whichever has the lower Brier score across the year's two halves (each fitted on one, scored on the other). " +
                     $"Chosen: **{e.Calibration}**. Per-enterprise factors: the learner's feature contributions, the {PromotionModel.FactorsEachWay} strongest each way.");
        s.AppendLine();
        s.AppendLine("## The rules baseline");
        s.AppendLine();
        s.AppendLine("Defined once, in `RulesRanking`: enterprises ranked by the engine's outcome for the next rung (qualified, then undetermined, then not qualified), " +
                     "then by the upper end of the score range where there is one (HNTE innovation score, tech-SME points), then by the distance to the thresholds (`RulesDistance`), nearest first. " +
                     $"Its probability is that ranking calibrated on the validation year ({e.RulesCalibration.Calibration.Method}). The same ranking and calibration are the stored forecast of a rung without a model.");
        s.AppendLine();
        s.AppendLine($"## Test year {e.TestYear}");
        s.AppendLine();
        s.AppendLine("| metric | model | rules baseline |");
        s.AppendLine("|---|---:|---:|");
        Row(s, "ROC AUC", x => F(x.RocAuc), e);
        Row(s, "PR AUC (average precision)", x => F(x.PrAuc), e);
        Row(s, $"precision at k (top 10% of the pool, k = {e.Rules.K:N0})", x => F(x.PrecisionAtK), e);
        Row(s, $"recall at k (top 10%, k = {e.Rules.K:N0})", x => F(x.RecallAtK), e);
        Row(s, $"precision, top 50 per park ({e.Rules.ParkShortlist:N0} listed)", x => F(x.PrecisionAtPark50), e);
        Row(s, "recall, top 50 per park", x => F(x.RecallAtPark50), e);
        Row(s, "Brier score", x => x.Brier is { } b ? b.ToString("0.0000", CultureInfo.InvariantCulture) : "—", e);
        Row(s, $"expected entries (actual {e.Rules.Positives:N0})", x => x.Expected is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "—", e);
        Row(s, "expected ÷ actual", x => x.ExpectedOverActual is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—", e);
        s.AppendLine();
        if (e.Rules.Positives <= e.Rules.K)
            s.AppendLine($"The test year had fewer entries ({e.Rules.Positives:N0}) than the top-10% shortlist holds (k = {e.Rules.K:N0}): precision at k cannot exceed {P((double)e.Rules.Positives / e.Rules.K)}.\n");
        s.AppendLine("A model's ranking is its probability, ties broken by its raw score (the order lists show). Ties of the rules ranking are shared by expectation: " +
                     "a tie that straddles the cut counts its share of entries. Per-park shortlists pool every park's top 50 (enterprises outside parks are not in them).");
        s.AppendLine();
        s.AppendLine("## Calibration by decile (test year)");
        s.AppendLine();
        s.AppendLine("| decile | model: enterprises | mean predicted | observed | rules: enterprises | mean predicted | observed |");
        s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        for (var d = 1; d <= 10; d++)
        {
            var mb = e.Model?.Calibration.FirstOrDefault(b => b.Decile == d);
            var rb = e.Rules.Calibration.FirstOrDefault(b => b.Decile == d);
            s.AppendLine($"| {d} | {Bin(mb)} | {Bin(rb)} |");
        }
        s.AppendLine();
        s.AppendLine("## Known limits");
        s.AppendLine();
        s.AppendLine("- On the demo province, recognitions are made by the same rules engine from the same filings plus the generator's take-up; the figures say how well the model learns that process, not how Jiangxi's real enterprises behave. Retrain on the registry you serve (模型训练, or `jxladder ml train`).");
        s.AppendLine("- Year t's filing is taken as known at the end of year t; in practice annual filings arrive in the first half of t+1, so a real deployment scores after the filing season.");
        s.AppendLine("- `hnte-entry` counts a renewal as an entry: a tech SME whose certificate has expired by the end of year t is in the pool.");
        s.AppendLine("- The model learns from the years before the validation year and is calibrated on it: a change in take-up between the validation and the test year shows as expected ÷ actual away from 1.");
        s.AppendLine("- Listing, city and park are read as of the year end from the listing day and the moves the registry holds (`listed_on`, `location_changes`); a listing without a day counts at every date. The demo generator dates neither: its firms never move.");
        s.AppendLine("- One test year: the figures move by a few points between seeds and years.");
        return s.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Ratio(RankingMetrics? m) => m?.ExpectedOverActual is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    private static string Bin(CalibrationBin? b) => b is null ? "— | — | —"
        : $"{b.Count:N0} | {b.MeanPredicted.ToString("0.0000", CultureInfo.InvariantCulture)} | {b.Observed.ToString("0.0000", CultureInfo.InvariantCulture)}";

    private static void Row(StringBuilder s, string label, Func<RankingMetrics, string> value, TransitionEvaluation e) =>
        s.AppendLine($"| {label} | {(e.Model is { } m ? value(m) : "—")} | {value(e.Rules)} |");

    private static string F(double x) => double.IsNaN(x) ? "—" : x.ToString("0.000", CultureInfo.InvariantCulture);
    private static string P(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
}
