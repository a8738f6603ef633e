using System.Text.Json;

namespace JxEnterpriseLadder.Prediction;

/// <summary>How a prediction's factors are stored (predictions.factors) and read back.</summary>
public static class FactorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<PredictionFactor> Read(string json) =>
        JsonSerializer.Deserialize<PredictionFactor[]>(json, Options) ?? [];
}
