using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using JxEnterpriseLadder.Rules.Engine;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.RateLimiting;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Web.Api;

/// <summary>The bounds of POST /api/assessments (section Api of the configuration).</summary>
public sealed record AssessmentsApiLimits
{
    /// <summary>Profiles in one request; above it the request is refused with 413 before any is assessed.</summary>
    public int MaxProfilesPerRequest { get; init; } = 10_000;
    /// <summary>The request body; above it 413.</summary>
    public int MaxRequestMegabytes { get; init; } = 64;
    /// <summary>Requests a minute from one address when not signed in; above it 429 with Retry-After.</summary>
    public int AnonymousRequestsPerMinute { get; init; } = 30;
    /// <summary>Requests a minute from one signed-in account.</summary>
    public int SignedInRequestsPerMinute { get; init; } = 600;
}

/// <summary>
/// POST /api/assessments: the same input and output as `jxladder assess`, one engine behind both. The body is read
/// as a stream and the results are written as they are computed, so memory does not grow with the request: the body
/// is buffered to disk past 1 MB, read once to count and check the profiles, then again to assess them.
/// </summary>
public static class AssessmentsApi
{
    private const string Policy = "assessments";

    public static IServiceCollection AddAssessmentsApi(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("Api").Get<AssessmentsApiLimits>() ?? new AssessmentsApiLimits();
        services.AddSingleton(limits);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, http => http.User.Identity is { IsAuthenticated: true, Name: { } name }
                ? RateLimitPartition.GetFixedWindowLimiter("user:" + name, _ => Window(limits.SignedInRequestsPerMinute))
                : RateLimitPartition.GetFixedWindowLimiter("ip:" + http.Connection.RemoteIpAddress, _ => Window(limits.AnonymousRequestsPerMinute)));
            o.OnRejected = async (context, cancel) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var signedIn = context.HttpContext.User.Identity?.IsAuthenticated == true;
                await Results.Problem(title: "Too many requests",
                    detail: signedIn ? $"at most {limits.SignedInRequestsPerMinute} requests a minute for one account; try again in {seconds} s"
                        : $"at most {limits.AnonymousRequestsPerMinute} requests a minute without signing in; try again in {seconds} s",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    public static void MapAssessmentsApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/assessments", async (HttpContext http, AssessmentEngine engine, AssessmentsApiLimits limits, ILogger<AssessmentsApiLimits> log) =>
        {
            var request = http.Request;
            var asOf = DateOnly.FromDateTime(DateTime.Today);
            if (request.Query["asOf"] is { Count: > 0 } q && !DateOnly.TryParseExact(q[0], "yyyy-MM-dd", out asOf))
                return Results.Problem(title: "asOf must be a date YYYY-MM-DD", detail: $"'{q[0]}'", statusCode: 400);
            if (JxEnterpriseLadder.Domain.Registry.InputRanges.AsOfProblem(asOf) is { } badAsOf)
                return Results.Problem(title: "asOf is out of range", detail: badAsOf, statusCode: 400);
            var options = request.Query["bandPoints"].ToString() switch
            {
                "range" => new EvaluationOptions { BandPoints = BandPointsMode.Range },
                "lower" => new EvaluationOptions { BandPoints = BandPointsMode.Lower },
                _ => EvaluationOptions.Default,
            };
            var maxBytes = limits.MaxRequestMegabytes * 1024L * 1024L;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = maxBytes;
            request.EnableBuffering(bufferThreshold: 1024 * 1024, bufferLimit: maxBytes);
            var cancel = http.RequestAborted;

            // First pass: count and check. Nothing is assessed until the whole request is known to be within bounds.
            try
            {
                await request.Body.DrainAsync(cancel); // into the buffer (to disk past 1 MB), so both passes read it back
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge($"the request body is over {limits.MaxRequestMegabytes} MB (Api:MaxRequestMegabytes)");
            }
            catch (IOException) when (request.Body.CanSeek && request.Body.Length >= maxBytes)
            {
                return TooLarge($"the request body is over {limits.MaxRequestMegabytes} MB (Api:MaxRequestMegabytes)");
            }
            request.Body.Position = 0;
            var errors = new List<ProfileJson.ProfileError>();
            if (CountAndCheck(request.Body, asOf, limits.MaxProfilesPerRequest, errors) > limits.MaxProfilesPerRequest)
                return TooLarge($"more than {limits.MaxProfilesPerRequest:N0} profiles in one request (Api:MaxProfilesPerRequest): send them in smaller batches");

            request.Body.Position = 0;
            // NDJSON like the CLI, so both doors give byte-identical output; one line per profile in input order: its
            // result, or a problem line naming it and its field. The status says whether any profile was refused.
            var response = http.Response;
            response.StatusCode = errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
            response.ContentType = "application/x-ndjson; charset=utf-8";
            // Each result is serialized straight into the response, never into one string: a profile's explained result
            // (both ladders) is tens of thousands of characters, and a string that long would go to the large object
            // heap, where a stream of a hundred thousand of them would pile up between the collections that free it.
            var body = response.Body;
            foreach (var item in ProfileJson.Read(request.Body, asOf))
            {
                cancel.ThrowIfCancellationRequested();
                string? problem = null;
                AssessmentResult? result = null;
                if (item.Error is { } error) problem = ProblemLine(error, "Profile could not be read", StatusCodes.Status400BadRequest);
                else
                    try { result = engine.Assess(item.Profile!, asOf, options); }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One profile the engine cannot take does not cut the answer short for the others.
                        log.LogError(e, "Profile #{N} could not be assessed", item.Index + 1);
                        problem = ProblemLine(new ProfileJson.ProfileError(item.Index, item.Profile!.CreditCode, "$", "could not be assessed"),
                            "Profile could not be assessed", StatusCodes.Status500InternalServerError);
                    }
                if (result is not null) await System.Text.Json.JsonSerializer.SerializeAsync(body, result, ProfileJson.Options, cancel);
                else await body.WriteAsync(Encoding.UTF8.GetBytes(problem!), cancel);
                await body.WriteAsync(NewLine, cancel);
            }
            return Results.Empty;
        }).DisableAntiforgery().RequireRateLimiting(Policy);

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    /// <summary>Counts the profiles and keeps the errors, stopping as soon as the count passes the cap.</summary>
    private static int CountAndCheck(Stream body, DateOnly asOf, int cap, List<ProfileJson.ProfileError> errors)
    {
        var count = 0;
        foreach (var item in ProfileJson.Read(body, asOf))
        {
            if (++count > cap) break;
            if (item.Error is { } e) errors.Add(e);
        }
        return count;
    }

    /// <summary>A problem-details object on one line, naming the profile (from 1) and its field.</summary>
    private static string ProblemLine(ProfileJson.ProfileError e, string title, int status) =>
        JsonSerializer.Serialize(new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.5.1", title, status, profile = e.Index + 1, creditCode = e.CreditCode,
            field = e.Field, detail = e.Message,
        }, ProfileJson.Options);

    private static IResult TooLarge(string detail) =>
        Results.Problem(title: "Request too large", detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge);
}
