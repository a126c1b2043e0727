using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// The Twilio adapter's spans (source <c>VoipProviders.Twilio</c>): one per logical call, named by product and
/// operation (<c>twilio.trunking.trunks.update</c>), around its retries; each attempt's HTTP exchange is a child span
/// of the HttpClient instrumentation, retries and waits for a concurrency slot are events. Attributes are the outcome,
/// status code, Twilio error code and attempt count — never a URL, a header or a body (ADR-020).
/// </summary>
internal static class TwilioTelemetry
{
    public const string SourceName = "VoipProviders.Twilio";

    public const string ProductTag = "twilio.product";
    public const string OperationTag = "twilio.operation";
    public const string OutcomeTag = "twilio.outcome";
    public const string ErrorCodeTag = "twilio.error_code";
    public const string AttemptsTag = "twilio.attempts";
    public const string StatusCodeTag = "http.response.status_code";
    public const string SuccessOutcome = "ok";

    public static readonly ActivitySource ActivitySource = new(SourceName);

    private static readonly ConcurrentDictionary<(string Product, string Operation), CallName> Names = new();

    /// <summary>
    /// The span and tag names of an operation of a product: <c>("trunking", "UpdateTrunk")</c> → span
    /// <c>twilio.trunking.trunks.update</c>, operation <c>trunks.update</c>. Operations are the adapter's constants, so the
    /// set is small and fixed; each is worked out once.
    /// </summary>
    public static CallName NameOf(string product, string operation) =>
        Names.GetOrAdd((product, operation), static key => Build(key.Product, key.Operation));

    private static CallName Build(string product, string operation)
    {
        // "UpdateTrunk" → verb "update", resource "trunks"; "FetchTrunkCredentialList" → "trunk_credential_lists".
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var character in operation)
        {
            if (char.IsUpper(character) && word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }

            word.Append(char.ToLowerInvariant(character));
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        var verb = words.Count > 0 ? words[0] : "call";
        var resource = string.Join('_', words.Skip(1));
        if (resource.Length == 0)
        {
            resource = "resource";
        }
        else if (!resource.EndsWith('s'))
        {
            resource += "s";
        }

        var productName = product.ToLowerInvariant();
        var operationName = $"{resource}.{verb}";
        return new CallName(productName, operationName, $"twilio.{productName}.{operationName}");
    }
}
