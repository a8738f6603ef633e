using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Prediction.Tests;

/// <summary>The measures of the model card on small cases worked by hand.</summary>
public sealed class MetricsTests
{
    private static readonly bool[] Labels = [true, false, true, false, false];

    [Fact]
    public void RocAucIsTheChanceAPositiveOutranksANegative()
    {
        Assert.Equal(1.0, PromotionMetrics.RocAuc(Labels, [0.9, 0.1, 0.8, 0.2, 0.3]), 12);
        Assert.Equal(0.0, PromotionMetrics.RocAuc(Labels, [0.1, 0.9, 0.2, 0.8, 0.7]), 12);
        Assert.Equal(0.5, PromotionMetrics.RocAuc(Labels, [1, 1, 1, 1, 1]), 12);
        // Positives at 0.9 and 0.25; negatives 0.5, 0.2, 0.1: 5 of 6 pairs ordered right.
        Assert.Equal(5.0 / 6, PromotionMetrics.RocAuc(Labels, [0.9, 0.5, 0.25, 0.2, 0.1]), 12);
    }

    [Fact]
    public void AveragePrecisionAndPrecisionAtKShareTiesByExpectation()
    {
        // Ranking: +, -, +, -, -: precision 1 at recall ½, ⅔ at recall 1.
        Assert.Equal((1.0 + 2.0 / 3) / 2, PromotionMetrics.AveragePrecision(Labels, [0.9, 0.5, 0.4, 0.2, 0.1]), 12);
        // All tied: the top 2 hold 2 × 2/5 positives on average.
        Assert.Equal(0.8, PromotionMetrics.ExpectedHits([0, 1, 2, 3, 4], Labels, [1, 1, 1, 1, 1], 2), 12);
        // One clear leader, then a four-way tie holding one positive: 1 + ¼.
        Assert.Equal(1.25, PromotionMetrics.ExpectedHits([0, 1, 2, 3, 4], Labels, [2, 1, 1, 1, 1], 2), 12);
    }

    [Fact]
    public void ShortlistsAreTheTopTenthAndEachParksTopFifty()
    {
        var labels = Enumerable.Range(0, 200).Select(i => i % 4 == 0).ToArray();
        var scores = Enumerable.Range(0, 200).Select(i => i % 4 == 0 ? 1.0 + i / 1000.0 : i / 1000.0).ToArray();
        var parks = Enumerable.Range(0, 200).Select(i => i < 120 ? "a" : i < 180 ? "b" : null).ToArray();
        var m = PromotionMetrics.Evaluate(labels, scores, null, parks);
        Assert.Equal(20, m.K);
        Assert.Equal(1.0, m.PrecisionAtK, 12);
        Assert.Equal(20.0 / 50, m.RecallAtK, 12);
        // Park a: 120 firms, 30 positives, top 50 holds all 30; park b: 60 firms, 15 positives, top 50 holds all 15.
        Assert.Equal(100, m.ParkShortlist);
        Assert.Equal(45.0 / 100, m.PrecisionAtPark50, 12);
        Assert.Equal(1.0, m.RecallAtPark50, 12);
        Assert.Null(m.Brier);
    }

    [Fact]
    public void BrierAndCalibrationCompareProbabilitiesWithOutcomes()
    {
        Assert.Equal((0.01 + 0.01 + 0.04 + 0.04 + 0) / 5, PromotionMetrics.Brier(Labels, [0.9, 0.1, 0.8, 0.2, 0.0]), 12);
        var labels = Enumerable.Range(0, 100).Select(i => i >= 90).ToArray();
        var p = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();
        var bins = PromotionMetrics.Calibration(labels, p);
        Assert.Equal(10, bins.Count);
        Assert.All(bins, b => Assert.Equal(10, b.Count));
        Assert.Equal(0.045, bins[0].MeanPredicted, 12);
        Assert.Equal(0.0, bins[0].Observed);
        Assert.Equal(1.0, bins[9].Observed);
    }

    private static TierResult Result(Outcome outcome, int? scoreMax = null, params (decimal Target, decimal Change)[] gaps) => new()
    {
        Tier = "hnte", Outcome = outcome, ScoreRange = scoreMax is { } max ? new ScoreRange(Math.Min(max, 40), max) : null,
        Parameters = [], Criteria = [], Missing = [],
        Gaps = gaps.Select((g, i) => new Gap($"c{i}", "", g.Target, g.Change)).ToArray(),
    };

    [Fact]
    public void TheRulesBaselineRanksByOutcomeThenTheScoresUpperEndThenDistance()
    {
        var qualified = RulesRanking.Key(Result(Outcome.Qualified));
        // Undetermined far from every threshold still outranks a sure failure by a hair (the old +¼ did the opposite).
        var possible = RulesRanking.Key(Result(Outcome.Undetermined, 70, (100, 90)));
        var sureFailure = RulesRanking.Key(Result(Outcome.NotQualified, null, (100, 1)));
        Assert.True(qualified > possible && possible > sureFailure);
        Assert.True(RulesDistance.To(Result(Outcome.Undetermined, 70, (100, 90))) > RulesDistance.To(Result(Outcome.NotQualified, null, (100, 1))));
        // Among the undetermined, the higher upper end of the score range first, then the nearer.
        Assert.True(RulesRanking.Key(Result(Outcome.Undetermined, 80, (100, 90))) > RulesRanking.Key(Result(Outcome.Undetermined, 70)));
        Assert.True(RulesRanking.Key(Result(Outcome.Undetermined, 70, (100, 10))) > RulesRanking.Key(Result(Outcome.Undetermined, 70, (100, 50))));
        Assert.True(RulesRanking.Key(Result(Outcome.NotQualified, null, (100, 10))) > RulesRanking.Key(Result(Outcome.NotQualified, null, (100, 10), (10, 5))));
    }

    [Fact]
    public void IsotonicCalibrationIsMonotoneAndExpectsExactlyTheEntriesItWasFittedOn()
    {
        // Entry rate rising with the score, with noise that breaks monotonicity between neighbours.
        var scores = Enumerable.Range(0, 2000).Select(i => (double)(i % 400)).ToArray();
        var labels = scores.Select((x, i) => (i * 7919 % 1000) < x * 2 + (i % 3 == 0 ? 60 : 0)).ToArray();
        var c = ProbabilityCalibration.FitIsotonic(scores, labels);
        Assert.Equal(ProbabilityCalibration.Isotonic, c.Method);
        Assert.InRange(c.Rates.Count, 2, ProbabilityCalibration.MaxSteps);
        Assert.Equal(c.Rates.Order(), c.Rates);
        Assert.Equal(labels.Count(l => l), scores.Sum(c.Probability), 6);
        Assert.Equal(c.Rates[0], c.Probability(-1e9));
        Assert.Equal(c.Rates[^1], c.Probability(1e9));
    }

    [Fact]
    public void PlattCalibrationRecoversALogisticCurveAndTheChoiceTakesTheBetterOne()
    {
        // Labels drawn deterministically at the rate 1 / (1 + e^−(0.02·x − 4)) in blocks of 200 equal scores.
        var scores = new List<double>();
        var labels = new List<bool>();
        for (var x = 0; x <= 400; x += 10)
        {
            var p = 1 / (1 + Math.Exp(-(0.02 * x - 4)));
            var positives = (int)Math.Round(p * 200);
            for (var i = 0; i < 200; i++) { scores.Add(x); labels.Add(i < positives); }
        }
        var platt = ProbabilityCalibration.FitPlatt(scores, labels);
        Assert.Equal(0.02, platt.A, 3);
        Assert.Equal(-4, platt.B, 1);
        Assert.Equal(0.5, platt.Probability(200), 2);
        // A step the curve cannot follow: isotonic wins the two-fold comparison.
        var step = scores.Select(x => x > 200 ? 1e6 + x : x).ToArray();
        var stepLabels = step.Select((x, i) => x > 1e6 ? i % 10 < 9 : i % 10 == 0).ToArray();
        Assert.Equal(ProbabilityCalibration.Isotonic, ProbabilityCalibration.Choose(step, stepLabels).Method);
    }
}
