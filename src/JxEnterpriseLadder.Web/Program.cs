using JxEnterpriseLadder.Exchange;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Web;
using JxEnterpriseLadder.Web.Api;
using JxEnterpriseLadder.Web.Auth;
using JxEnterpriseLadder.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddLadderServices(builder.Configuration);
builder.Services.AddLadderExchange(builder.Configuration);
builder.Services.AddLadderAuth();
builder.Services.AddLadderWeb();
builder.Services.AddAssessmentsApi(builder.Configuration);

var app = builder.Build();

app.PrepareDemoRegistry();
app.PrepareAccounts();

app.UseLadderHosting();
DemoPreparation.UseDemoPreparation(app);
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseLadderLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgeryFailuresAsBadRequests();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapAssessmentsApi();
app.MapAccountEndpoints();
app.MapExports();
app.MapWhatIfExport();
app.MapImports();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>For WebApplicationFactory in the tests.</summary>
public partial class Program;
