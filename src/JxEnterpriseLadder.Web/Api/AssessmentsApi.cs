using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Web.Api;

/// <summary>POST /api/assessments: the same input and output as `jxladder assess`, one engine behind both.</summary>
public static class AssessmentsApi
{
    public static void MapAssessmentsApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/assessments", async (HttpRequest request, AssessmentEngine engine) =>
        {
            var asOf = DateOnly.FromDateTime(DateTime.Today);
            if (request.Query["asOf"] is { Count: > 0 } q && !DateOnly.TryParseExact(q[0], "yyyy-MM-dd", out asOf))
                return Results.Problem(title: "asOf must be a date YYYY-MM-DD", detail: $"'{q[0]}'", statusCode: 400);
            var options = request.Query["bandPoints"].ToString() switch
            {
                "range" => new EvaluationOptions { BandPoints = BandPointsMode.Range },
                "lower" => new EvaluationOptions { BandPoints = BandPointsMode.Lower },
                _ => EvaluationOptions.Default,
            };
            using var reader = new StreamReader(request.Body);
            var items = ProfileJson.Read(await reader.ReadToEndAsync());
            var errors = items.Where(i => i.Error is not null).Select(i => i.Error!).ToList();
            var results = items.Where(i => i.Profile is not null).Select(i => engine.Assess(i.Profile!, asOf, options)).ToList();
            if (errors.Count > 0)
                return Results.Problem(
                    title: "Some profiles could not be read",
                    detail: string.Join("\n", errors.Select(e => e.ToString())),
                    statusCode: 400,
                    extensions: new Dictionary<string, object?>
                    {
                        ["errors"] = errors.Select(e => new { profile = e.Index + 1, e.CreditCode, field = e.Field, message = e.Message }),
                        // The readable profiles are still assessed.
                        ["results"] = results,
                    });
            // NDJSON like the CLI, so both doors give byte-identical output.
            var body = string.Concat(results.Select(r => ProfileJson.Serialize(r) + "\n"));
            return Results.Text(body, "application/x-ndjson; charset=utf-8");
        }).DisableAntiforgery();
}
