using System.Diagnostics;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Services;

/// <summary>train → evaluate → predict over a registry, as the `jxladder ml` verbs and the web app's retraining run them.</summary>
public sealed class PromotionWorkflow(RegistryRepository registry, AssessmentEngine engine, TrainingSettings settings, Action<string>? progress = null)
{
    private RegistryStatistics Statistics => new(registry.Database);

    private readonly PromotionFeatures _features = new(engine);
    private readonly PromotionTraining _training = new(settings);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public PromotionFeatures Features => _features;

    public static string ModelPath(string modelsDir, Transition t) => Path.Combine(modelsDir, t.Id + ".zip");
    public static string CardPath(string modelsDir, Transition t) => Path.Combine(modelsDir, t.Id + ".md");
    public static string RulesPath(string modelsDir, Transition t) => Path.Combine(modelsDir, t.Id + ".rules.json");

    public YearSplit Years()
    {
        var years = Statistics.RegisteredTechSmesByYear().Select(y => y.Year).ToArray();
        if (years.Length < 4)
            throw new InvalidOperationException($"{registry.Database.Description}: the registry holds tech-SME registrations for {years.Length} year(s); " +
                "training needs at least four (fitting, validation and test years; seed it with `jxladder seed`)");
        return new YearSplit(years.Min(), years.Max());
    }

    /// <summary>The year whose year-end the stored predictions start from: the latest year of tech-SME registrations.
    /// Scoring needs only that year (training needs four, <see cref="Years"/>).</summary>
    public int PredictionBaseYear() =>
        Statistics.RegisteredTechSmesByYear().Select(y => y.Year).DefaultIfEmpty().Max() is var y and > 0
            ? y
            : throw new InvalidOperationException($"{registry.Database.Description}: the registry holds no tech-SME registrations: nothing to score from");


    /// <summary>Chooses, calibrates and tests every rung's model (<see cref="PromotionTraining.Train"/>), then writes each
    /// rung's rules calibration, its model file if the model beats the rules on both cuts (removing a stale one if
    /// not), and its dated card. Every rung is fitted before any file is written: a rung with too few entries stops the
    /// run with nothing half-written.</summary>
    public TrainingRun Train(string modelsDir)
    {
        var years = Years();
        var enterprises = registry.CountEnterprises();
        var identity = RegistryIdentities.Of(registry.Database);
        Say($"building examples from {enterprises} enterprises, base years {years.FirstBaseYear}–{years.TestBaseYear}");
        var data = new PromotionDataset(engine, _features).Build(registry.StreamAll(), years.FirstBaseYear, years.TestBaseYear);
        var measured = new List<(TransitionEvaluation Evaluation, PromotionModel? Model)>();
        foreach (var t in Transition.All)
        {
            var ml = _training.NewContext();
            var fit = data[t].Where(e => e.BaseYear < years.ValidationBaseYear).ToList();
            var validation = data[t].Where(e => e.BaseYear == years.ValidationBaseYear).ToList();
            var test = data[t].Where(e => e.BaseYear == years.TestBaseYear).ToList();
            Say($"{t.Id}: {fit.Count} fitting rows ({fit.Count(e => e.Entered)} entered), {validation.Count} validation rows, {test.Count} test rows");
            var (evaluation, model) = _training.Train(ml, t, fit, validation, test, years, enterprises, _features.Names, identity);
            measured.Add((evaluation, model));
            Say(evaluation.NotLearnt is { } why
                ? $"{why} → the rules baseline, not shipped"
                : $"{t.Id}: chose {evaluation.Chosen} ({evaluation.Calibration}); precision at k {evaluation.Model?.PrecisionAtK:0.000} (rules {evaluation.Rules.PrecisionAtK:0.000}) → {(evaluation.Ships ? "ships" : "not shipped")}");
        }

        var written = new List<string>();
        Directory.CreateDirectory(modelsDir);
        foreach (var (evaluation, model) in measured)
        {
            var t = evaluation.Transition;
            var path = ModelPath(modelsDir, t);
            if (evaluation.Ships) { model!.Save(path); written.Add(path); }
            else File.Delete(path);
            evaluation.RulesCalibration.Save(RulesPath(modelsDir, t));
            written.Add(RulesPath(modelsDir, t));
            var card = CardPath(modelsDir, t);
            File.WriteAllText(card, ModelCard.Render(evaluation, model?.Manifest, _training.Settings, registry.Database.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL"));
            written.Add(card);
        }
        var run = new TrainingRun(years, enterprises, measured.Select(m => m.Evaluation).ToList(), written);
        TrainingSummary.Of(run, _training.Settings, identity).Save(modelsDir);
        written.Add(Path.Combine(modelsDir, TrainingSummary.FileName));
        return run;
    }

    /// <summary>One rung's shipped files measured on this database's latest test year.</summary>
    public sealed record FileEvaluation(Transition Transition, int TestYear, ModelManifest? Model, RulesCalibration Rules, RankingMetrics? ModelFigures, RankingMetrics RulesFigures);

    /// <summary>The files as they ship — each rung's model if there is one, and its rules calibration — measured on this
    /// database's test year (outcomes of its latest year). Nothing is fitted; the files are only read.</summary>
    public IReadOnlyList<FileEvaluation> Evaluate(string modelsDir)
    {
        var years = Years();
        var files = Transition.All.ToDictionary(t => t, t => LoadFiles(modelsDir, t));
        Say($"measuring the files in {modelsDir} on base year {years.TestBaseYear} (outcomes of {years.LatestOutcomeYear})");
        var data = new PromotionDataset(engine, _features).Build(registry.StreamAll(), years.TestBaseYear, years.TestBaseYear);
        return Transition.All.Select(t =>
        {
            var (model, rules) = files[t];
            var (m, r) = PromotionTraining.Measure(model, rules, data[t]);
            return new FileEvaluation(t, years.LatestOutcomeYear, model?.Manifest, rules, m, r);
        }).ToList();
    }

    private (PromotionModel? Model, RulesCalibration Rules) LoadFiles(string modelsDir, Transition t) =>
        (File.Exists(ModelPath(modelsDir, t)) ? PromotionModel.Load(_training.NewContext(), ModelPath(modelsDir, t), t, _features) : null, LoadRules(modelsDir, t));

    /// <summary>A rung's rules calibration, which every training writes: without it the folder is not a trained one.</summary>
    private static RulesCalibration LoadRules(string modelsDir, Transition t) => File.Exists(RulesPath(modelsDir, t))
        ? RulesCalibration.Load(RulesPath(modelsDir, t), t)
        : throw new ModelFileException($"{modelsDir}: no {t.Id}.rules.json (run `jxladder ml train`)");

    /// <summary>What each rung's forecast would come from on this registry: its model if trained here and shipped, else
    /// the rules (saying whether the model did not ship or was trained on another registry).</summary>
    public IReadOnlyList<RungForecast> Sources(string modelsDir)
    {
        var identity = RegistryIdentities.Of(registry.Database);
        return Transition.All.Select(t =>
        {
            var rules = LoadRules(modelsDir, t);
            // The manifest alone: the pages ask this on every view, and the model itself is not needed to answer.
            var model = File.Exists(ModelPath(modelsDir, t)) ? PromotionModel.ReadManifest(ModelPath(modelsDir, t), t, _features) : null;
            if (model is null) return new RungForecast(t, ForecastSource.RulesModelNotShipped, null, rules, null);
            return model.RegistryId == identity.Id
                ? new RungForecast(t, ForecastSource.Model, model, rules, null)
                : new RungForecast(t, ForecastSource.RulesModelFromAnotherRegistry, model, rules, model.RegistryDescription);
        }).ToList();
    }

    /// <param name="Unscored">Rungs nothing was stored for, with why (rules fitted elsewhere and no entry here to
    /// calibrate them on): a forecast is not made up for them, and the other rungs are still scored.</param>
    public sealed record PredictionRun(int BaseYear, int OutcomeYear, IReadOnlyList<(string Transition, int Count)> Stored, IReadOnlyList<RungForecast> Sources,
        IReadOnlyDictionary<string, string> Versions, IReadOnlyList<(string Transition, string Reason)> Unscored);

    /// <summary>Scores every pool of the latest year and stores probabilities and factors; with <paramref name="only"/>,
    /// just those enterprises (after an import changed them), keeping everyone else's. A rung uses its model only when
    /// the model was trained on this registry; otherwise the rules baseline, calibrated on this registry (the file's
    /// calibration if it was fitted here, else fitted now on the latest year whose outcomes are known).</summary>
    /// <param name="modelsOfAnyRegistry">Speed measurements only (the bench's generated province is not the registry the
    /// shipped models learnt from): use the models wherever they were trained.</param>
    // The rules calibrated on this registry for rungs whose files came from another (see Predict), by registry, folder,
    // rung, year and rules file.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, RulesCalibration> LocallyCalibrated = new();

    public PredictionRun Predict(string modelsDir, PredictionRepository predictions, IReadOnlyCollection<string>? only = null, bool modelsOfAnyRegistry = false)
    {
        var baseYear = PredictionBaseYear();
        var ml = _training.NewContext();
        var identity = RegistryIdentities.Of(registry.Database);
        var sources = Sources(modelsDir);
        if (modelsOfAnyRegistry)
            sources = sources.Select(s => s.Source == ForecastSource.RulesModelFromAnotherRegistry ? s with { Source = ForecastSource.Model } : s).ToList();
        var models = new Dictionary<Transition, PromotionModel>();
        var rulesOnly = new Dictionary<Transition, RulesCalibration>();
        foreach (var source in sources)
        {
            var t = source.Transition;
            if (source.Source == ForecastSource.Model) models[t] = PromotionModel.Load(ml, ModelPath(modelsDir, t), t, _features);
            else if (source.Rules!.RegistryId == identity.Id) rulesOnly[t] = source.Rules;
        }
        var unscored = new List<(string Transition, string Reason)>();
        var foreign = sources.Where(s => !models.ContainsKey(s.Transition) && !rulesOnly.ContainsKey(s.Transition)).Select(s => s.Transition).ToList();
        // An incremental scoring (a few hundred enterprises after an import) reuses the calibration the last whole scoring
        // of this registry fitted: refitting it reads the whole registry. A whole scoring always refits.
        string LocalKey(Transition t) => string.Join('|', registry.Database.ConnectionString, identity.Id, Path.GetFullPath(modelsDir), t.Id, baseYear - 1,
            sources.First(s => s.Transition == t).Rules?.Version);
        if (only is not null)
            foreach (var t in foreign.ToList())
                if (LocallyCalibrated.TryGetValue(LocalKey(t), out var known)) { rulesOnly[t] = known; foreign.Remove(t); }
        if (foreign.Count > 0)
        {
            // The files were fitted on another registry: the rules are calibrated here, on the latest year with outcomes.
            var fitYear = baseYear - 1;
            Say($"calibrating the rules on this registry's base year {fitYear} for {string.Join(", ", foreign.Select(t => t.Id))}");
            var data = new PromotionDataset(engine, _features).Build(registry.StreamAll(), fitYear, fitYear, foreign);
            foreach (var t in foreign)
            {
                if (!data[t].Any(e => e.Entered))
                {
                    unscored.Add((t.Id, $"the files in {modelsDir} were fitted on another registry, and this one has no {t.Id} entries in {fitYear + 1} to calibrate the rules on: no forecast stored"));
                    Say($"{t.Id}: {unscored[^1].Reason}");
                    continue;
                }
                rulesOnly[t] = LocallyCalibrated[LocalKey(t)] =
                    RulesCalibration.Fit(t.Id, data[t].Select(e => e.RulesScore).ToArray(), data[t].Select(e => e.Entered).ToArray(), fitYear, identity);
            }
        }
        Say($"scoring base year {baseYear} for {baseYear + 1}: {string.Join(", ", models.Values.Select(m => m.Version).Concat(rulesOnly.Values.Select(r => r.Version)))}");
        var counts = Transition.All.ToDictionary(t => t, _ => 0);
        var pending = Transition.All.ToDictionary(t => t, _ => new List<PromotionExample>());
        var rows = Scored(only is null ? registry.StreamAll() : registry.Stream(only));
        if (only is null) predictions.ReplaceAll(baseYear, rows);
        else predictions.ReplaceFor(baseYear, only, rows);
        var scoredRungs = Transition.All.Where(t => models.ContainsKey(t) || rulesOnly.ContainsKey(t)).ToList();
        return new PredictionRun(baseYear, baseYear + 1, scoredRungs.Select(t => (t.Id, counts[t])).ToArray(), sources,
            scoredRungs.ToDictionary(t => t.Id, t => models.TryGetValue(t, out var m) ? m.Version : rulesOnly[t].Version), unscored);

        // Snapshots (one engine run each) on every core while the next page is read; the model scores a batch at a time.
        IEnumerable<PredictionRepository.StoredPrediction> Scored(IEnumerable<EnterpriseRecord> records)
        {
            var dataset = new PromotionDataset(engine, _features);
            foreach (var built in RecordPipeline.Map(records, r => dataset.Build([r], baseYear, baseYear)))
                foreach (var (t, examples) in built)
                {
                    pending[t].AddRange(examples);
                    if (pending[t].Count >= 4000)
                        foreach (var row in Flush(t)) yield return row;
                }
            foreach (var t in Transition.All)
                foreach (var row in Flush(t)) yield return row;
        }

        IEnumerable<PredictionRepository.StoredPrediction> Flush(Transition t)
        {
            var batch = pending[t];
            if (batch.Count == 0) return [];
            if (!models.ContainsKey(t) && !rulesOnly.ContainsKey(t)) { batch.Clear(); return []; }
            var scored = models.TryGetValue(t, out var model)
                ? model.Score(batch).Select(s => Row(t, s.Example, s.Probability, s.Score, model.Version, s.Factors)).ToList()
                : batch.Select(e => Row(t, e, rulesOnly[t].Probability(e.RulesScore), e.RulesScore, rulesOnly[t].Version, [])).ToList();
            batch.Clear();
            counts[t] += scored.Count;
            return scored;
        }

        PredictionRepository.StoredPrediction Row(Transition t, PromotionExample e, double p, double score, string version, IReadOnlyList<PredictionFactor> factors) =>
            new(e.CreditCode, t.Id, baseYear, Math.Clamp(p, 0, 1), e.TargetGroup, version, System.Text.Json.JsonSerializer.Serialize(factors, FactorJson.Options), score);
    }

    private void Say(string message) => progress?.Invoke($"[{_clock.Elapsed:mm\\:ss}] {message}");
}
