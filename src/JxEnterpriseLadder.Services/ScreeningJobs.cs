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
    public enum State { Running, Finished, Failed, Cancelled }

    public sealed class Job
    {
        public required int Id { get; init; }
        public required AccessScope Scope { get; init; }
        public required string StartedBy { get; init; }
        public required DateOnly AsOf { get; init; }
        public required DateTimeOffset StartedAt { get; init; }
        public volatile int Done;
        public volatile int Total;
        public State State { get; internal set; } = State.Running;
        public Screening.Summary? Summary { get; internal set; }
        public string? Error { get; internal set; }
        internal CancellationTokenSource Cancel { get; } = new();
        public double Fraction => Total == 0 ? 0 : Math.Min(1, (double)Done / Total);
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
            if (_jobs.Values.FirstOrDefault(j => j.State == State.Running) is { } running) return running;
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

    private void Run(Job job)
    {
        try
        {
            job.Summary = screening.Run(job.AsOf, job.Scope, (done, total) => { job.Total = total; job.Done = done; }, job.Cancel.Token);
            job.State = State.Finished;
        }
        catch (OperationCanceledException)
        {
            job.State = State.Cancelled;
        }
        catch (Exception e)
        {
            log.LogError(e, "Screening {Id} at {AsOf} failed", job.Id, job.AsOf);
            job.Error = e.Message;
            job.State = State.Failed;
        }
    }
}
