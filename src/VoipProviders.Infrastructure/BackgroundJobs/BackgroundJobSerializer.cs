using System.Text.Json;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>How job records are stored: plain System.Text.Json, camelCase, so a stored job reads back after a deploy.</summary>
internal static class BackgroundJobSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(object job) => JsonSerializer.Serialize(job, job.GetType(), Options);

    public static object Deserialize(string payload, Type jobType) =>
        JsonSerializer.Deserialize(payload, jobType, Options)
        ?? throw new JsonException($"The stored {jobType.Name} is null.");
}
