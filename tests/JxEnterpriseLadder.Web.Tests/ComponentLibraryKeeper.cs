using System.Reflection;
using BootstrapBlazor.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Sdk;

// The tests run one after another: the component library's process-wide state (below) has one owner at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: JxEnterpriseLadder.Web.Tests.ComponentLibraryKeeper]

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>
/// BootstrapBlazor keeps one cache per process (its internal CacheManager.Instance), pointing at the services of the
/// host that made one last. One app has one host; the tests start and dispose many, and a page of a living host would
/// then read a disposed one ("Cannot access a disposed object"). Before each test the cache points at services kept for
/// the whole run, built the way the app builds its own (<see cref="WebSetup.AddComponentLibrary"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ComponentLibraryKeeper : BeforeAfterTestAttribute
{
    private static readonly Lazy<object> Kept = new(() =>
    {
        var services = new ServiceCollection().AddLogging().AddComponentLibrary().BuildServiceProvider();
        return services.GetRequiredService<ICacheManager>(); // never disposed: lives as long as the test process
    });

    private static readonly PropertyInfo Instance = typeof(ICacheManager).Assembly.GetType("BootstrapBlazor.Components.CacheManager")!
        .GetProperty("Instance", BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException("BootstrapBlazor's CacheManager.Instance is gone: see ADR 0014 before upgrading the library");

    public static int Restored { get; private set; }

    public override void Before(MethodInfo methodUnderTest)
    {
        Instance.SetValue(null, Kept.Value);
        Restored++;
    }
}

public sealed class ComponentLibraryKeeperTests
{
    /// <summary>The keeper runs before every test (xUnit honours it at the assembly level), or the guard above is void.</summary>
    [Fact]
    public void EveryTestStartsWithTheLibrarysCacheOnServicesThatLive()
    {
        Assert.True(ComponentLibraryKeeper.Restored > 0, "the keeper did not run before this test");
        var instance = typeof(ICacheManager).Assembly.GetType("BootstrapBlazor.Components.CacheManager")!
            .GetProperty("Instance", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null);
        Assert.NotNull(instance);
    }
}
