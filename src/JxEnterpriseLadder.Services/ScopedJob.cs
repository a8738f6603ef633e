using JxEnterpriseLadder.Domain.Access;
using Microsoft.Extensions.Logging;

namespace JxEnterpriseLadder.Services;

public enum JobState { Running, Finished, Failed, Cancelled }

/// <summary>
/// Work over a scope at a date started from the app and run in the background (a screening, a what-if): who started it
/// and when, its progress (n of N), its outcome, and a cancel that leaves nothing half-written.
/// </summary>
public abstract class ScopedJob
{
    public required int Id { get; init; }
    public required AccessScope Scope { get; init; }
    public required string StartedBy { get; init; }
    public required DateOnly AsOf { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public volatile int Done;
    public volatile int Total;
    public JobState State { get; private set; } = JobState.Running;
    public string? Error { get; private set; }
    internal CancellationTokenSource Cancel { get; } = new();
    public double Fraction => Total == 0 ? 0 : Math.Min(1, (double)Done / Total);

    /// <summary>Reports progress: <paramref name="done"/> of <paramref name="total"/>.</summary>
    internal void Progress(int done, int total)
    {
        Total = total;
        Done = done;
    }

    /// <summary>Runs the work and records how it ended; a failure's message is kept for the page, an unexpected one logged.</summary>
    internal void Run(Action<CancellationToken> work, ILogger log, Func<Exception, bool>? expected = null)
    {
        try
        {
            work(Cancel.Token);
            State = JobState.Finished;
        }
        catch (OperationCanceledException)
        {
            State = JobState.Cancelled;
        }
        catch (Exception e)
        {
            if (expected?.Invoke(e) != true) log.LogError(e, "{Job} {Id} at {AsOf} failed", GetType().Name, Id, AsOf);
            Error = e.Message;
            State = JobState.Failed;
        }
    }
}
