using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace VoipProviders.LoadTests.Reference;

/// <summary>
/// Twilio REST over one <see cref="HttpClient"/> (pointed at the emulator), Basic auth with the account SID and token —
/// the same paths the project's SDK calls. 2xx → the JSON; 404 → null; 401/403 → <see cref="TwilioRejectedException"/>;
/// anything else (5xx, 429, transport failure, timeout) → <see cref="TwilioUnavailableException"/>.
/// </summary>
internal sealed class ReferenceTwilio(HttpClient http)
{
    public async Task<JsonElement?> GetAsync(string accountSid, string authToken, string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{authToken}")));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TwilioUnavailableException("twilio_unavailable", 502, "Twilio could not be reached.", exception);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            JsonElement? json = null;
            try
            {
                json = body.Length == 0 ? null : JsonSerializer.Deserialize<JsonElement>(body);
            }
            catch (JsonException) when (status >= 300)
            {
                // An error page that is not Twilio's JSON: the status alone decides.
            }

            int? code = json is { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("code", out var value) && value.ValueKind == JsonValueKind.Number
                ? value.GetInt32()
                : null;
            return status switch
            {
                >= 200 and < 300 => json ?? throw new TwilioUnavailableException("twilio_request_failed", 502, "Twilio answered without a body."),
                404 => null,
                401 or 403 => throw new TwilioRejectedException(status, code),
                429 => throw new TwilioUnavailableException("twilio_rate_limited", 503, "Twilio is rate limiting this account."),
                >= 500 => throw new TwilioUnavailableException("twilio_unavailable", 502, $"Twilio answered {status}."),
                _ => throw new TwilioUnavailableException("twilio_request_failed", 502, $"Twilio rejected the request with HTTP {status}, code {code}."),
            };
        }
    }

    /// <summary>Every item of a list, page after page: v2010 pages link on with <c>next_page_uri</c>, v1 ones with <c>meta.next_page_url</c>.</summary>
    public async Task<List<JsonElement>?> ListAsync(
        string accountSid, string authToken, string pathAndQuery, string key, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? next = pathAndQuery;
        while (next is not null)
        {
            if (await GetAsync(accountSid, authToken, next, cancellationToken) is not { } page)
            {
                return null;
            }

            items.AddRange(page.GetProperty(key).EnumerateArray());
            next = page.TryGetProperty("meta", out var meta)
                ? (meta.TryGetProperty("next_page_url", out var url) && url.GetString() is { } absolute ? new Uri(absolute).PathAndQuery : null)
                : (page.TryGetProperty("next_page_uri", out var uri) ? uri.GetString() : null);
        }

        return items;
    }
}
