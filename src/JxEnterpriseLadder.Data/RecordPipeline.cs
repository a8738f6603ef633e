using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// Feeds records read on one thread (a registry stream) to CPU-bound work on every core, a chunk at a time, in order:
/// reading the next chunk overlaps working on this one, and memory holds a few chunks, never the registry.
/// </summary>
public static class RecordPipeline
{
    public static IEnumerable<TResult> Map<TSource, TResult>(IEnumerable<TSource> source, Func<TSource, TResult> work,
        int chunkSize = 1000, CancellationToken cancel = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var chunks = new BlockingCollection<TSource[]>(boundedCapacity: 2);
        var reader = Task.Run(() =>
        {
            try { foreach (var chunk in source.Chunk(chunkSize)) chunks.Add(chunk, stop.Token); }
            finally { chunks.CompleteAdding(); }
        });
        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable(cancel))
                foreach (var result in Work(chunk, work, cancel))
                    yield return result;
            Rethrow(reader); // a failed read ends the chunks early: surface it rather than a short result
        }
        finally
        {
            stop.Cancel();
            try { reader.Wait(); }
            catch (AggregateException) { } // already surfaced, or the consumer left first (an error or a cancel of its own)
        }
    }

    /// <summary>
    /// Enumerates <paramref name="source"/> on a thread of its own, up to <paramref name="capacity"/> items ahead of the
    /// consumer: a writer waiting on its database no longer holds up the work that produces the next rows (ADR 0010).
    /// </summary>
    public static IEnumerable<T> Ahead<T>(IEnumerable<T> source, int capacity, CancellationToken cancel = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var items = new BlockingCollection<T>(boundedCapacity: capacity);
        var producer = Task.Factory.StartNew(() =>
        {
            try { foreach (var item in source) items.Add(item, stop.Token); }
            finally { items.CompleteAdding(); }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var item in items.GetConsumingEnumerable(cancel)) yield return item;
            Rethrow(producer);
        }
        finally
        {
            stop.Cancel();
            try { producer.Wait(); }
            catch (AggregateException) { } // already surfaced, or the consumer left first
        }
    }

    private static TResult[] Work<TSource, TResult>(TSource[] chunk, Func<TSource, TResult> work, CancellationToken cancel)
    {
        var results = new TResult[chunk.Length];
        try
        {
            Parallel.For(0, chunk.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel },
                i => results[i] = work(chunk[i]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return results;
    }

    private static void Rethrow(Task reader)
    {
        try { reader.Wait(); }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1) { ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw(); }
    }
}
