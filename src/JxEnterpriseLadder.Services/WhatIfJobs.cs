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
    private const int Kept = 5;

    public sealed class Job : ScopedJob
    {
        public required string DraftName { get; init; }
        public PolicyWhatIf.Result? Result { get; internal set; }
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
            if (_jobs.Values.FirstOrDefault(j => j.State == JobState.Running) is { } running) return running;
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

    // A draft refused by the rules (a value of the wrong kind) is the officer's to fix, not an error to log.
    private void Run(Job job, PolicyDrafts.Draft draft) =>
        job.Run(cancel => job.Result = whatIf.Run(job.Scope, draft.Name, drafts.SetAt(draft, job.AsOf), job.AsOf, job.Progress, cancel),
            log, e => e is DraftRefusedException);
}
