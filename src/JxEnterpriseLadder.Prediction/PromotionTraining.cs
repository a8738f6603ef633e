using JxEnterpriseLadder.Domain.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace JxEnterpriseLadder.Prediction;

/// <summary>The learners each rung chooses among, by validation inside the training years.</summary>
public enum Learner { FastTree, LightGbm, Logistic }

/// <summary>Settings of the trainers, written into the model card.</summary>
public sealed record TrainingSettings
{
    public int Seed { get; init; } = 20210701;
    public int Trees { get; init; } = 200;
    public int Leaves { get; init; } = 20;
    public int MinimumExamplesPerLeaf { get; init; } = 20;
    public double LearningRate { get; init; } = 0.1;
    /// <summary>Fewer positives than this in the fitting, validation or test years stops training for the transition.</summary>
    public int MinimumPositives { get; init; } = 20;
    public IReadOnlyList<Learner> Learners { get; init; } = [Learner.FastTree, Learner.LightGbm, Learner.Logistic];
    /// <summary>A shipped model's expected entries in the test year are within this share of the actual (issue 18: ±15%).</summary>
    public double ExpectedTolerance { get; init; } = 0.15;
    /// <summary>The date written into the model file and card (the same data on the same date gives the same file).</summary>
    public DateOnly TrainedOn { get; init; } = DateOnly.FromDateTime(DateTime.Today);

    public string Describe(Learner learner) => learner switch
    {
        Learner.FastTree => $"FastTree (trees {Trees}, leaves {Leaves}, min per leaf {MinimumExamplesPerLeaf}, learning rate {LearningRate}, seed {Seed})",
        Learner.LightGbm => $"LightGBM (iterations {Trees}, leaves {Leaves}, min per leaf {MinimumExamplesPerLeaf}, learning rate {LearningRate}, seed {Seed})",
        _ => "L-BFGS logistic regression (L2 = 1, standardised features)",
    };
}

/// <summary>One learner fitted on the fitting years and ranked on the validation year (its raw scores).</summary>
public sealed record CandidateFigures(Learner Learner, RankingMetrics Validation);

/// <summary>
/// One rung's training run: the candidates' validation figures, the chosen learner, and the shipped form of the model
/// (calibrated on the validation year) against the rules baseline on the test year.
/// </summary>
public sealed record TransitionEvaluation(
    Transition Transition, int TrainFrom, int TrainTo, int ValidationBaseYear, int TestYear, int TrainRows, int TrainPositives,
    IReadOnlyList<CandidateFigures> Candidates, Learner? Chosen, string? Calibration, RankingMetrics? Model, RankingMetrics Rules,
    RulesCalibration RulesCalibration, double ExpectedTolerance, string? NotLearnt = null)
{
    public bool BeatsTheRules => Model is { } m && m.PrecisionAtK > Rules.PrecisionAtK && m.PrecisionAtPark50 > Rules.PrecisionAtPark50;
    public bool Calibrated => Model?.ExpectedOverActual is { } r && Math.Abs(r - 1) <= ExpectedTolerance;
    /// <summary>Shipped only when the model's shortlists beat the rules' on both precision cuts (the 10% and the per-park)
    /// and its expected entries in the test year are within the tolerance of the actual.</summary>
    public bool Ships => BeatsTheRules && Calibrated;
}

public sealed class PromotionTraining(TrainingSettings settings)
{
    public TrainingSettings Settings { get; } = settings;

    public MLContext NewContext() => new(seed: Settings.Seed);

    /// <summary>Fits one learner on the rows; the pipeline ends with its raw score and the per-feature contributions.</summary>
    public ITransformer Fit(MLContext ml, Learner learner, IReadOnlyList<PromotionExample> rows, int featureCount)
    {
        var data = PromotionData.Load(ml, rows, featureCount);
        const int each = PromotionModel.FactorsEachWay;
        switch (learner)
        {
            case Learner.FastTree:
            {
                var model = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    NumberOfTrees = Settings.Trees, NumberOfLeaves = Settings.Leaves, MinimumExampleCountPerLeaf = Settings.MinimumExamplesPerLeaf,
                    LearningRate = Settings.LearningRate, NumberOfThreads = 1, // one thread: the same file from the same data
                    FeatureColumnName = "Features", LabelColumnName = "Label",
                }).Fit(data);
                return model.Append(ml.Transforms.CalculateFeatureContribution(model, each, each, normalize: false).Fit(model.Transform(data)));
            }
            case Learner.LightGbm:
            {
                var model = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    NumberOfIterations = Settings.Trees, NumberOfLeaves = Settings.Leaves, MinimumExampleCountPerLeaf = Settings.MinimumExamplesPerLeaf,
                    LearningRate = Settings.LearningRate, NumberOfThreads = 1, Seed = Settings.Seed,
                    FeatureColumnName = "Features", LabelColumnName = "Label",
                }).Fit(data);
                return model.Append(ml.Transforms.CalculateFeatureContribution(model, each, each, normalize: false).Fit(model.Transform(data)));
            }
            default:
            {
                var chain = ml.Transforms.NormalizeMeanVariance("Features")
                    .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                    {
                        FeatureColumnName = "Features", LabelColumnName = "Label", NumberOfThreads = 1, L2Regularization = 1f,
                    })).Fit(data);
                return chain.Append(ml.Transforms.CalculateFeatureContribution(chain.LastTransformer, each, each, normalize: false).Fit(chain.Transform(data)));
            }
        }
    }

    /// <summary>
    /// One rung: every learner is fitted on the fitting years and ranked on the validation year (the last training
    /// year); the best on the two precision cuts is calibrated on that year (isotonic or Platt, by validation) and
    /// measured on the test year beside the rules baseline, whose own calibration comes from the same year.
    /// </summary>
    public (TransitionEvaluation Evaluation, PromotionModel? Model) Train(MLContext ml, Transition t, IReadOnlyList<PromotionExample> fitRows,
        IReadOnlyList<PromotionExample> validation, IReadOnlyList<PromotionExample> test, YearSplit years, int enterprises,
        IReadOnlyList<string> featureNames, RegistryIdentity registry)
    {
        var valLabels = validation.Select(e => e.Entered).ToArray();
        var rules = RulesCalibration.Fit(t.Id, validation.Select(e => e.RulesScore).ToArray(), valLabels, years.ValidationBaseYear, registry);
        var tooFew = TooFew(t, "fitting", fitRows, years.FirstBaseYear, years.ValidationBaseYear - 1)
                     ?? TooFew(t, "validation", validation, years.ValidationBaseYear, years.ValidationBaseYear)
                     ?? TooFew(t, "test", test, years.TestBaseYear, years.TestBaseYear);
        if (tooFew is not null)
        {
            // Too few entries to learn from or to measure on: the rung keeps the rules baseline, and the card says why.
            var (_, rulesOnly) = Measure(null, rules, test);
            return (new TransitionEvaluation(t, years.FirstBaseYear, years.ValidationBaseYear - 1, years.ValidationBaseYear, years.TestBaseYear + 1,
                fitRows.Count, fitRows.Count(e => e.Entered), [], null, null, null, rulesOnly, rules, Settings.ExpectedTolerance, tooFew), null);
        }
        var valParks = validation.Select(e => e.ParkCode).ToArray();

        var candidates = new List<(CandidateFigures Figures, ITransformer Pipeline, double[] Scores)>();
        foreach (var learner in Settings.Learners)
        {
            var pipeline = Fit(ml, learner, fitRows, featureNames.Count);
            var scores = PromotionModel.RawScores(ml, pipeline, validation, featureNames.Count);
            candidates.Add((new CandidateFigures(learner, PromotionMetrics.Evaluate(valLabels, scores, null, valParks)), pipeline, scores));
        }
        var best = candidates.OrderByDescending(c => c.Figures.Validation.PrecisionAtK + c.Figures.Validation.PrecisionAtPark50)
            .ThenByDescending(c => c.Figures.Validation.PrAuc).First();
        var calibration = ProbabilityCalibration.Choose(best.Scores, valLabels);
        var manifest = new ModelManifest(t.Id, PromotionFeatures.Version, featureNames, best.Figures.Learner.ToString(), Settings.Describe(best.Figures.Learner),
            years.FirstBaseYear, years.ValidationBaseYear - 1, fitRows.Count, fitRows.Count(e => e.Entered), enterprises,
            calibration, years.ValidationBaseYear, registry.Id, registry.Description, Settings.TrainedOn);
        var model = new PromotionModel(ml, best.Pipeline, manifest);

        var (modelFigures, rulesFigures) = Measure(model, rules, test);
        return (new TransitionEvaluation(t, years.FirstBaseYear, years.ValidationBaseYear - 1, years.ValidationBaseYear, years.TestBaseYear + 1,
            fitRows.Count, fitRows.Count(e => e.Entered), candidates.Select(c => c.Figures).ToArray(), best.Figures.Learner, calibration.Method,
            modelFigures, rulesFigures, rules, Settings.ExpectedTolerance), model);
    }

    /// <summary>The shipped files as they are (the model, if any, and the rules calibration) on a test year: nothing is fitted.</summary>
    public static (RankingMetrics? Model, RankingMetrics Rules) Measure(PromotionModel? model, RulesCalibration rules, IReadOnlyList<PromotionExample> test)
    {
        var labels = test.Select(e => e.Entered).ToArray();
        var parks = test.Select(e => e.ParkCode).ToArray();
        RankingMetrics? modelFigures = null;
        if (model is not null)
        {
            var scored = model.Score(test);
            var p = scored.Select(s => s.Probability).ToArray();
            // Ranked as a stored forecast is listed: by probability, ties broken by the model's own score.
            modelFigures = PromotionMetrics.Evaluate(labels, PromotionMetrics.RankBy(p, scored.Select(s => s.Score).ToArray()), p, parks);
        }
        var keys = test.Select(e => e.RulesScore).ToArray();
        var rulesFigures = PromotionMetrics.Evaluate(labels, keys, keys.Select(rules.Probability).ToArray(), parks);
        return (modelFigures, rulesFigures);
    }

    private string? TooFew(Transition t, string split, IReadOnlyList<PromotionExample> rows, int fromBaseYear, int toBaseYear)
    {
        var positives = rows.Count(e => e.Entered);
        return positives >= Settings.MinimumPositives ? null
            : $"{t.Id} ({t.Name}): only {positives} enterprises entered out of {rows.Count} in the {split} years " +
              $"(outcomes {fromBaseYear + 1}–{toBaseYear + 1}); at least {Settings.MinimumPositives} are needed to {(split == "test" ? "measure" : "learn")} this transition";
    }
}
