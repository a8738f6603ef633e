using JxEnterpriseLadder.Domain.Registry;
using System.Collections.Concurrent;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Rules.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// The promotion models the app uses, and their retraining. The models shipped with the app (Models:Path, default beside
/// it) are the demo province's; a training from the app writes this registry's own (Models:TrainedPath, default
/// data/models/&lt;registry id&gt;), which are used from then on. Either way a rung's model is used only on the registry
/// it was trained on (<see cref="PromotionWorkflow.Sources"/>); otherwise the rules baseline, and the pages say why.
/// </summary>
public sealed class PromotionModels(RegistryRepository registry, PredictionRepository predictions, AssessmentEngine engine, IConfiguration configuration,
    TimeProvider clock, ILogger<PromotionModels> log)
{
    public enum State { Running, Finished, Failed }

    /// <summary>Why a training failed, for the page to say in the user's language.</summary>
    public enum Failure { None, TooFewYears, Unexpected }

    /// <summary>A training started from the app: its stage (the workflow's steps, counted) and outcome.</summary>
    public sealed class Job
    {
        public required int Id { get; init; }
        public required string StartedBy { get; init; }
        public required DateTimeOffset StartedAt { get; init; }
        public static readonly int Steps = Transition.All.Count + 2; // examples, each rung, scoring
        public volatile int Done;
        public State State { get; internal set; } = State.Running;
        public TrainingSummary? Summary { get; internal set; }
        public Failure Failure { get; internal set; }
        public double Fraction => Math.Min(1, (double)Done / Steps);
    }

    private readonly ConcurrentDictionary<int, Job> _jobs = new();
    private readonly Lock _start = new();
    private int _next;

    public RegistryIdentity Registry => RegistryIdentities.Of(registry.Database);

    public string ShippedFolder => configuration["Models:Path"] ?? Path.Combine(AppContext.BaseDirectory, "models");

    public string TrainedFolder => configuration["Models:TrainedPath"] is { Length: > 0 } configured
        ? configured
        : Path.Combine("data", "models", Registry.Id);

    /// <summary>This registry's own models once it has trained them, else those shipped with the app.</summary>
    public string Folder => Transition.All.All(t => File.Exists(PromotionWorkflow.RulesPath(TrainedFolder, t))) ? TrainedFolder : ShippedFolder;

    public bool UsesOwnModels => Folder == TrainedFolder;

    private PromotionWorkflow Workflow(Action<string>? say = null, DateOnly? trainedOn = null) =>
        new(registry, engine, new TrainingSettings { TrainedOn = trainedOn ?? DateOnly.FromDateTime(clock.GetLocalNow().DateTime) }, say);

    /// <summary>Each rung's forecast source on this registry, or null when the files cannot be read (no models at all).</summary>
    public IReadOnlyList<RungForecast>? Sources()
    {
        try { return Workflow().Sources(Folder); }
        catch (ModelFileException e)
        {
            log.LogWarning("Promotion models unreadable: {Reason}", e.Message);
            return null;
        }
    }

    /// <summary>What the training behind the models in use found.</summary>
    public TrainingSummary? Summary() => TrainingSummary.Load(Folder);

    /// <summary>Scores the registry with the models in use (first start, after an import or a training).</summary>
    public PromotionWorkflow.PredictionRun Predict(IReadOnlyCollection<string>? only = null) =>
        Workflow(m => log.LogInformation("{Message}", m)).Predict(Folder, predictions, only);

    /// <summary>Whether the stored forecast is missing or was made otherwise than the files now say: a rung stored from a
    /// model that is no longer its own (another registry's, or replaced), or from the rules where its model now applies.
    /// An upgraded registry is rescored on start instead of showing another registry's probabilities.</summary>
    public bool StoredForecastStale()
    {
        if (predictions.LatestBaseYear() is not { } year) return true;
        if (Sources() is not { } sources) return false;
        var stored = predictions.ModelsOf(year).ToLookup(x => x.Transition, x => x.Model);
        return sources.Any(s => stored[s.Transition.Id].Any(v => s.Source == ForecastSource.Model
            ? v != PromotionModel.VersionOf(s.Model!)
            : !v.StartsWith("rules:", StringComparison.Ordinal)));
    }

    /// <summary>Starts a training on this registry (administrators only), or returns the one running.</summary>
    public Job StartTraining(AccessScope scope, string userName)
    {
        if (scope.Role != Roles.Admin) throw new OutOfScopeException("只有系统管理员可以重新训练预测模型");
        lock (_start)
        {
            if (_jobs.Values.FirstOrDefault(j => j.State == State.Running) is { } running) return running;
            var job = new Job { Id = Interlocked.Increment(ref _next), StartedBy = userName, StartedAt = clock.GetUtcNow() };
            _jobs[job.Id] = job;
            _ = Task.Run(() => Train(job));
            return job;
        }
    }

    /// <summary>The latest training started from the app, if any.</summary>
    public Job? Latest => _jobs.Values.OrderByDescending(j => j.Id).FirstOrDefault();

    private void Train(Job job)
    {
        try
        {
            var workflow = Workflow(m =>
            {
                log.LogInformation("Training {Id}: {Message}", job.Id, m);
                if (m.Contains("building examples", StringComparison.Ordinal) || m.Contains("→", StringComparison.Ordinal)) job.Done++;
            });
            try { workflow.Years(); }
            catch (InvalidOperationException)
            {
                job.Failure = Failure.TooFewYears;
                job.State = State.Failed;
                return;
            }
            // Into a new folder first: the models in use stay whole until the training has written all of its files.
            var staging = TrainedFolder + ".training";
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            workflow.Train(staging);
            if (Directory.Exists(TrainedFolder)) Directory.Delete(TrainedFolder, recursive: true);
            Directory.Move(staging, TrainedFolder);
            job.Done = Job.Steps - 1;
            Predict();
            job.Summary = TrainingSummary.Load(TrainedFolder);
            job.Done = Job.Steps;
            job.State = State.Finished;
        }
        catch (Exception e)
        {
            log.LogError(e, "Training {Id} failed", job.Id);
            job.Failure = Failure.Unexpected;
            job.State = State.Failed;
        }
    }
}
