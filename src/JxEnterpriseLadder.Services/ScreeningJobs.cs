using System.Collections.Concurrent;
using JxEnterpriseLadder.Domain.Access;
using Microsoft.Extensions.Logging;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// Screenings started from the web app run here, in the background: the officer sees their progress, may leave the
/// page and come back, or cancel (which rolls the screening back). One runs at a time: the registry has one writer.
/// </summary>
public sealed class ScreeningJobs(Screening screening, TimeProvider clock, ILogger<ScreeningJobs> log)
{
    public sealed class Job : ScopedJob
    {
        public Screening.Summary? Summary { get; internal set; }
    }

    private readonly ConcurrentDictionary<int, Job> _jobs = new();
    private int _next;
    private readonly Lock _start = new();

    /// <summary>Starts a screening of the scope at the date, or returns the one already running.</summary>
    public Job Start(AccessScope scope, string userName, DateOnly asOf)
    {
        if (!scope.IsOfficer) throw new OutOfScopeException("只有科技部门可以运行筛查");
        lock (_start)
        {
            if (_jobs.Values.FirstOrDefault(j => j.State == JobState.Running) is { } running) return running;
            var job = new Job { Id = Interlocked.Increment(ref _next), Scope = scope, StartedBy = userName, AsOf = asOf, StartedAt = clock.GetUtcNow() };
            _jobs[job.Id] = job;
            _ = Task.Run(() => Run(job));
            return job;
        }
    }

    public void Cancel(int id)
    {
        if (_jobs.TryGetValue(id, out var job)) job.Cancel.Cancel();
    }

    /// <summary>The jobs a caller may see: those of its own scope, newest first.</summary>
    public IReadOnlyList<Job> Recent(AccessScope scope) =>
        _jobs.Values.Where(j => scope.Role is Roles.Admin or Roles.ProvinceOfficer || j.Scope == scope).OrderByDescending(j => j.Id).Take(10).ToList();

    private void Run(Job job) =>
        job.Run(cancel => job.Summary = screening.Run(job.AsOf, job.Scope, job.Progress, cancel), log);
}
