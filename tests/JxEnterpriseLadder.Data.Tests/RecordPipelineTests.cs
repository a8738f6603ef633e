using JxEnterpriseLadder.Data;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>The pipeline that feeds registry pages to every core: order kept, errors surfaced, cancels honoured.</summary>
public sealed class RecordPipelineTests
{
    [Fact]
    public void ResultsComeInTheSourcesOrder()
    {
        var results = RecordPipeline.Map(Enumerable.Range(0, 10_007), i => i * 2L, chunkSize: 100).ToList();
        Assert.Equal(Enumerable.Range(0, 10_007).Select(i => i * 2L), results);
    }

    [Fact]
    public void AnErrorInTheWorkOrInTheSourceReachesTheCaller()
    {
        var work = Assert.Throws<InvalidDataException>(() => RecordPipeline.Map(Enumerable.Range(0, 1000), i => i == 555 ? throw new InvalidDataException("row 555") : i, chunkSize: 64).ToList());
        Assert.Equal("row 555", work.Message);

        static IEnumerable<int> Failing()
        {
            for (var i = 0; i < 300; i++) yield return i;
            throw new IOException("connection lost");
        }
        var read = Assert.Throws<IOException>(() => RecordPipeline.Map(Failing(), i => i, chunkSize: 64).ToList());
        Assert.Equal("connection lost", read.Message);
    }

    [Fact]
    public void ACancelStopsTheWorkAndTheReader()
    {
        using var cancel = new CancellationTokenSource();
        var read = 0;
        IEnumerable<int> Endless()
        {
            for (var i = 0; ; i++) { Interlocked.Increment(ref read); yield return i; }
        }
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var x in RecordPipeline.Map(Endless(), i => i, chunkSize: 10, cancel.Token))
                if (x == 500) cancel.Cancel();
        });
        var stopped = Volatile.Read(ref read);
        Thread.Sleep(100);
        Assert.Equal(stopped, Volatile.Read(ref read)); // the reader has stopped too, with at most a few chunks read ahead
        Assert.InRange(stopped, 501, 600);
    }
}
