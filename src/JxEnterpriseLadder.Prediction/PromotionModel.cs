using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace JxEnterpriseLadder.Prediction;

/// <summary>What a model file says about itself (an entry of its own in the zip): refused when it does not match this build.</summary>
/// <param name="Learner">The learner chosen by validation (<see cref="Prediction.Learner"/>).</param>
/// <param name="Calibration">Raw score → probability, fitted on <paramref name="CalibratedOnBaseYear"/>'s outcomes.</param>
/// <param name="RegistryId">The registry it learnt from (<see cref="Domain.Registry.RegistryIdentity"/>): another registry refuses it.</param>
public sealed record ModelManifest(
    string Transition, int FeatureVersion, IReadOnlyList<string> Features, string Learner, string Trainer, int TrainedFromBaseYear, int TrainedToBaseYear,
    int TrainingRows, int TrainingPositives, int Enterprises, ProbabilityCalibration Calibration, int CalibratedOnBaseYear,
    string RegistryId, string RegistryDescription, DateOnly TrainedOn);

/// <summary>Raised when a model file cannot be used by this build (another feature version, another transition, not a model).</summary>
public sealed class ModelFileException(string message) : Exception(message);

/// <summary>One factor of a prediction: a feature, its value for this enterprise and how far it moved the score (log-odds).</summary>
public sealed record PredictionFactor(string Feature, float Value, float Contribution);

/// <param name="Score">The learner's raw score, which the probability is calibrated from (and which breaks its ties).</param>
public sealed record ScoredExample(PromotionExample Example, double Probability, double Score, IReadOnlyList<PredictionFactor> Factors);

/// <summary>
/// A trained promotion model: the chosen learner's pipeline ending in its raw score and a feature-contribution stage,
/// saved as one ML.NET zip carrying its <see cref="ModelManifest"/>, whose calibration turns the score into a probability.
/// </summary>
public sealed class PromotionModel
{
    private const string ManifestEntry = "jxladder/manifest.json";
    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
    public const int FactorsEachWay = 3;

    private readonly MLContext _ml;
    private readonly ITransformer _pipeline;
    public ModelManifest Manifest { get; }

    public PromotionModel(MLContext ml, ITransformer pipeline, ModelManifest manifest)
    {
        _ml = ml;
        _pipeline = pipeline;
        Manifest = manifest;
    }

    public string Version => VersionOf(Manifest);

    /// <summary>The version a stored prediction names (predictions.model): rung, feature version, outcome year calibrated on.</summary>
    public static string VersionOf(ModelManifest m) => $"{m.Transition}@f{m.FeatureVersion}/{m.CalibratedOnBaseYear + 1}";

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        _ml.Model.Save(_pipeline, PromotionData.InputSchema(_ml, Manifest.Features.Count), tmp);
        using (var zip = ZipFile.Open(tmp, ZipArchiveMode.Update))
        {
            using (var s = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open())
                JsonSerializer.Serialize(s, Manifest, ManifestJson);
            // Fixed entry times: the same data gives the same file, byte for byte.
            foreach (var entry in zip.Entries) entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Loads a model file, refusing one made for another transition or another feature version.</summary>
    public static PromotionModel Load(MLContext ml, string path, Transition transition, PromotionFeatures features) =>
        new(ml, ReadManifestThen(path, transition, features, () => ml.Model.Load(path, out _), out var manifest), manifest);

    /// <summary>What a model file says about itself, checked as <see cref="Load"/> checks it, without loading the model.</summary>
    public static ModelManifest ReadManifest(string path, Transition transition, PromotionFeatures features)
    {
        ReadManifestThen<object?>(path, transition, features, () => null, out var manifest);
        return manifest;
    }

    private static T ReadManifestThen<T>(string path, Transition transition, PromotionFeatures features, Func<T> then, out ModelManifest checkedManifest)
    {
        if (!File.Exists(path)) throw new ModelFileException($"{path}: no model file (run `jxladder ml train`)");
        ModelManifest manifest;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.GetEntry(ManifestEntry) ?? throw new ModelFileException($"{path}: not a JxEnterpriseLadder model (no {ManifestEntry})");
            using var s = entry.Open();
            manifest = JsonSerializer.Deserialize<ModelManifest>(s, ManifestJson) ?? throw new ModelFileException($"{path}: empty manifest");
        }
        catch (InvalidDataException e) { throw new ModelFileException($"{path}: not a model file ({e.Message})"); }
        catch (JsonException e) { throw new ModelFileException($"{path}: unreadable manifest ({e.Message})"); }
        if (manifest.Transition != transition.Id)
            throw new ModelFileException($"{path}: a model of '{manifest.Transition}', not of '{transition.Id}'");
        if (manifest.FeatureVersion != PromotionFeatures.Version || !manifest.Features.SequenceEqual(features.Names))
            throw new ModelFileException($"{path}: trained on feature version {manifest.FeatureVersion} ({manifest.Features.Count} features); " +
                $"this build computes version {PromotionFeatures.Version} ({features.Count} features): retrain with `jxladder ml train`");
        checkedManifest = manifest;
        return then();
    }

    /// <summary>A fitted pipeline's raw scores (before any calibration), for validation and calibration.</summary>
    public static double[] RawScores(MLContext ml, ITransformer pipeline, IReadOnlyList<PromotionExample> examples, int featureCount) =>
        examples.Count == 0 ? [] : pipeline.Transform(PromotionData.Load(ml, examples, featureCount)).GetColumn<float>("Score").Select(x => (double)x).ToArray();

    /// <summary>Probability of entering the next rung, with the strongest factors up and down.</summary>
    public IReadOnlyList<ScoredExample> Score(IReadOnlyList<PromotionExample> examples)
    {
        if (examples.Count == 0) return [];
        var scored = _pipeline.Transform(PromotionData.Load(_ml, examples, Manifest.Features.Count));
        var scores = scored.GetColumn<float>("Score").ToArray();
        var contributions = scored.GetColumn<float[]>("FeatureContributions").ToArray();
        var result = new ScoredExample[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            var c = contributions[i];
            var order = Enumerable.Range(0, c.Length).Where(j => c[j] != 0).OrderByDescending(j => c[j]).ToArray();
            var factors = order.Take(FactorsEachWay).Where(j => c[j] > 0)
                .Concat(order.Reverse().Take(FactorsEachWay).Where(j => c[j] < 0))
                .Select(j => new PredictionFactor(Manifest.Features[j], examples[i].Features[j], c[j])).ToArray();
            result[i] = new ScoredExample(examples[i], Manifest.Calibration.Probability(scores[i]), scores[i], factors);
        }
        return result;
    }
}

/// <summary>Examples as an ML.NET data view: a Features vector of the feature count and a boolean Label.</summary>
internal static class PromotionData
{
    public sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    public static SchemaDefinition Schema(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    public static DataViewSchema InputSchema(MLContext ml, int featureCount) =>
        ml.Data.LoadFromEnumerable(Array.Empty<Row>(), Schema(featureCount)).Schema;

    public static IDataView Load(MLContext ml, IEnumerable<PromotionExample> examples, int featureCount) =>
        ml.Data.LoadFromEnumerable(examples.Select(e => new Row { Features = e.Features, Label = e.Entered }).ToList(),
            Schema(featureCount));
}
