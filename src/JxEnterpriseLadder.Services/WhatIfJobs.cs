using System.Collections.Concurrent;
using JxEnterpriseLadder.Domain.Access;
using Microsoft.Extensions.Logging;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// What-if screenings started from the web app run here, in the background, like screenings (<see cref="ScreeningJobs"/>):
/// the officer sees progress, may leave and come back, cancel, and download the result while it is kept. They write
/// nothing, so one may run beside a screening; one what-if runs at a time, and the latest few results are kept.
/// </summary>
public sealed class WhatIfJobs(PolicyWhatIf whatIf, PolicyDrafts drafts, TimeProvider clock, ILogger<WhatIfJobs> log)
{
    public enum State { Running, Finished, Failed, Cancelled }

    private const int Kept = 5;

    public sealed class Job
    {
        public required int Id { get; init; }
        public required AccessScope Scope { get; init; }
        public required string DraftName { get; init; }
        public required string StartedBy { get; init; }
        public required DateOnly AsOf { get; init; }
        public required DateTimeOffset StartedAt { get; init; }
        public volatile int Done;
        public volatile int Total;
        public State State { get; internal set; } = State.Running;
        public PolicyWhatIf.Result? Result { get; internal set; }
        public string? Error { get; internal set; }
        internal CancellationTokenSource Cancel { get; } = new();
        public double Fraction => Total == 0 ? 0 : Math.Min(1, (double)Done / Total);
    }

    private readonly ConcurrentDictionary<int, Job> _jobs = new();
    private int _next;
    private readonly Lock _start = new();

    /// <summary>Starts a what-if of the draft at the date over the province, or one city of it; or returns the one
    /// already running.</summary>
    public Job Start(AccessScope caller, string userName, string draftName, DateOnly asOf, string? city = null)
    {
        if (!PolicyDrafts.MayDraft(caller)) throw new OutOfScopeException("只有省级科技部门和管理员可以运行政策模拟");
        var scope = caller.NarrowedTo(city);
        var draft = drafts.Find(caller, draftName) ?? throw new ArgumentException($"没有名为「{draftName}」的草案");
        lock (_start)
        {
            if (_jobs.Values.FirstOrDefault(j => j.State == State.Running) is { } running) return running;
            var job = new Job { Id = Interlocked.Increment(ref _next), Scope = scope, DraftName = draft.Name, StartedBy = userName, AsOf = asOf, StartedAt = clock.GetUtcNow() };
            _jobs[job.Id] = job;
            foreach (var old in _jobs.Values.OrderByDescending(j => j.Id).Skip(Kept)) _jobs.TryRemove(old.Id, out _);
            _ = Task.Run(() => Run(job, draft));
            return job;
        }
    }

    public void Cancel(int id)
    {
        if (_jobs.TryGetValue(id, out var job)) job.Cancel.Cancel();
    }

    public Job? Find(int id) => _jobs.GetValueOrDefault(id);

    /// <summary>The latest what-ifs, newest first (province-wide callers only run them).</summary>
    public IReadOnlyList<Job> Recent(AccessScope scope) =>
        PolicyDrafts.MayDraft(scope) ? _jobs.Values.OrderByDescending(j => j.Id).ToList() : [];

    private void Run(Job job, PolicyDrafts.Draft draft)
    {
        try
        {
            job.Result = whatIf.Run(job.Scope, draft.Name, drafts.SetAt(draft, job.AsOf), job.AsOf,
                (done, total) => { job.Total = total; job.Done = done; }, job.Cancel.Token);
            job.State = State.Finished;
        }
        catch (OperationCanceledException)
        {
            job.State = State.Cancelled;
        }
        catch (DraftRefusedException e)
        {
            job.Error = e.Message;
            job.State = State.Failed;
        }
        catch (Exception e)
        {
            log.LogError(e, "What-if {Id} of draft {Draft} at {AsOf} failed", job.Id, job.DraftName, job.AsOf);
            job.Error = e.Message;
            job.State = State.Failed;
        }
    }
}
