using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace JxEnterpriseLadder.Prediction;

/// <summary>Settings of the trainers, written into the model card.</summary>
public sealed record TrainingSettings
{
    public int Seed { get; init; } = 20210701;
    public int Trees { get; init; } = 200;
    public int Leaves { get; init; } = 20;
    public int MinimumExamplesPerLeaf { get; init; } = 20;
    public double LearningRate { get; init; } = 0.1;
    /// <summary>Fewer positives than this in the training or the test years stops training for the transition.</summary>
    public int MinimumPositives { get; init; } = 20;
}

/// <summary>Too few promotions to learn from or to measure on: names the transition and the counts.</summary>
public sealed class InsufficientPositivesException(string message) : InvalidOperationException(message);

/// <summary>The three rankings compared in one run: the model, logistic regression on the same features, and the rules alone.</summary>
public sealed record TransitionEvaluation(
    Transition Transition, int TrainFrom, int TrainTo, int TestYear, int TrainRows, int TrainPositives,
    RankingMetrics Model, RankingMetrics Logistic, RankingMetrics Rules, RulesCalibration RulesCalibration)
{
    /// <summary>Shipped only when the model's shortlists beat the rules' on precision, both the 10% and the per-park cut.</summary>
    public bool Ships => Model.PrecisionAtK > Rules.PrecisionAtK && Model.PrecisionAtPark50 > Rules.PrecisionAtPark50;
}

public sealed class PromotionTraining(TrainingSettings settings)
{
    public TrainingSettings Settings { get; } = settings;

    public MLContext NewContext() => new(seed: Settings.Seed);

    /// <summary>Fits the FastTree model (with its contribution stage) on the training rows.</summary>
    public PromotionModel FitModel(MLContext ml, Transition t, IReadOnlyList<PromotionExample> train, int trainFrom, int trainTo, int enterprises,
        IReadOnlyList<string> featureNames)
    {
        CheckPositives(t, "training", train, trainFrom, trainTo);
        var data = PromotionData.Load(ml, train, featureNames.Count);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = Settings.Trees, NumberOfLeaves = Settings.Leaves, MinimumExampleCountPerLeaf = Settings.MinimumExamplesPerLeaf,
            LearningRate = Settings.LearningRate, NumberOfThreads = 1, // one thread: the same file from the same data
            FeatureColumnName = "Features", LabelColumnName = "Label",
        });
        var tree = trainer.Fit(data);
        var contributions = ml.Transforms.CalculateFeatureContribution(tree, numberOfPositiveContributions: PromotionModel.FactorsEachWay,
            numberOfNegativeContributions: PromotionModel.FactorsEachWay, normalize: false).Fit(tree.Transform(data));
        var manifest = new ModelManifest(t.Id, PromotionFeatures.Version, featureNames,
            $"FastTree binary (trees {Settings.Trees}, leaves {Settings.Leaves}, min per leaf {Settings.MinimumExamplesPerLeaf}, learning rate {Settings.LearningRate}, Platt calibration, seed {Settings.Seed})",
            trainFrom, trainTo, train.Count, train.Count(e => e.Entered), enterprises);
        return new PromotionModel(ml, tree.Append(contributions), manifest);
    }

    /// <summary>Baselines fitted on the same rows, then all three ranked on the test year.</summary>
    public TransitionEvaluation Evaluate(MLContext ml, Transition t, PromotionModel model, IReadOnlyList<PromotionExample> train,
        IReadOnlyList<PromotionExample> test, int testBaseYear)
    {
        CheckPositives(t, "training", train, model.Manifest.TrainedFromBaseYear, model.Manifest.TrainedToBaseYear);
        CheckPositives(t, "test", test, testBaseYear, testBaseYear);
        var n = model.Manifest.Features.Count;
        var trainView = PromotionData.Load(ml, train, n);
        var testView = PromotionData.Load(ml, test, n);

        var logistic = ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                FeatureColumnName = "Features", LabelColumnName = "Label", NumberOfThreads = 1, L2Regularization = 1f,
            })).Fit(trainView);
        // The rules alone rank by distance; the training years' entry rate at the same distance is their probability.
        var rules = RulesCalibration.Fit(t.Id, train.Select(e => e.RulesScore).ToArray(), train.Select(e => e.Entered).ToArray(), model.Manifest.TrainedToBaseYear);

        var labels = test.Select(e => e.Entered).ToArray();
        var parks = test.Select(e => e.ParkCode).ToArray();
        var modelP = model.Score(test).Select(s => s.Probability).ToArray();
        var logisticP = logistic.Transform(testView).GetColumn<float>("Probability").Select(p => (double)p).ToArray();
        var rulesP = test.Select(e => rules.Probability(e.RulesScore)).ToArray();
        var rulesScore = test.Select(e => e.RulesScore).ToArray();
        return new TransitionEvaluation(t, model.Manifest.TrainedFromBaseYear, model.Manifest.TrainedToBaseYear, testBaseYear + 1,
            train.Count, train.Count(e => e.Entered),
            PromotionMetrics.Evaluate(labels, modelP, modelP, parks),
            PromotionMetrics.Evaluate(labels, logisticP, logisticP, parks),
            // Ranked by the distance itself (ties kept as ties), calibrated only for the probability metrics.
            PromotionMetrics.Evaluate(labels, rulesScore, rulesP, parks), rules);
    }

    private void CheckPositives(Transition t, string split, IReadOnlyList<PromotionExample> rows, int fromBaseYear, int toBaseYear)
    {
        var positives = rows.Count(e => e.Entered);
        if (positives < Settings.MinimumPositives)
            throw new InsufficientPositivesException(
                $"{t.Id} ({t.Name}): only {positives} enterprises entered out of {rows.Count} in the {split} years " +
                $"(outcomes {fromBaseYear + 1}–{toBaseYear + 1}); at least {Settings.MinimumPositives} are needed to {(split == "test" ? "measure" : "learn")} this transition");
    }
}
