namespace JxEnterpriseLadder.Prediction;

/// <summary>The years of one run: outcomes are known up to <see cref="LatestOutcomeYear"/> (Y). Learners are fitted on
/// base years up to Y−3, chosen and calibrated on base year Y−2 (the validation year, the last of the training years)
/// and tested on base year Y−1 (outcomes of Y); never a random split.</summary>
public sealed record YearSplit(int FirstBaseYear, int LatestOutcomeYear)
{
    public int TestBaseYear => LatestOutcomeYear - 1;
    public int ValidationBaseYear => LatestOutcomeYear - 2;
    /// <summary>Predictions are made from the end of the latest year for the year after it.</summary>
    public int PredictionBaseYear => LatestOutcomeYear;
}

/// <summary>How a rung's stored forecast was made, and why.</summary>
public enum ForecastSource
{
    /// <summary>The rung's model, trained on this registry.</summary>
    Model,
    /// <summary>The rules baseline: the model did not beat it when trained.</summary>
    RulesModelNotShipped,
    /// <summary>The rules baseline: the model file was trained on another registry and is refused.</summary>
    RulesModelFromAnotherRegistry,
}

/// <summary>One rung's forecast source with the files behind it.</summary>
public sealed record RungForecast(Transition Transition, ForecastSource Source, ModelManifest? Model, RulesCalibration? Rules, string? RefusedRegistry);

/// <summary>What one training run did: its years, the enterprises it learnt from, each rung's evaluation and the files
/// written.</summary>
public sealed record TrainingRun(YearSplit Years, int Enterprises, IReadOnlyList<TransitionEvaluation> Evaluations, IReadOnlyList<string> Written);
