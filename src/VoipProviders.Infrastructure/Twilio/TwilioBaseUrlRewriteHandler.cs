using Microsoft.Extensions.Options;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// Sends requests for a Twilio product to the base URL configured under <c>Twilio:BaseUrls:{product}</c>, keeping
/// path and query, and records the host the SDK meant in <c>X-Twilio-Original-Host</c>.
/// </summary>
internal sealed class TwilioBaseUrlRewriteHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    public const string OriginalHostHeader = "X-Twilio-Original-Host";
    private const string TwilioDomain = ".twilio.com";

    private readonly Dictionary<string, Uri> _baseUrls = options.Value.BaseUrls.ToDictionary(
        entry => entry.Key,
        entry => new Uri(entry.Value.TrimEnd('/') + "/", UriKind.Absolute),
        StringComparer.OrdinalIgnoreCase);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } original && TryGetBaseUrl(original.Host, out var baseUrl))
        {
            request.Headers.TryAddWithoutValidation(OriginalHostHeader, original.Host);
            request.RequestUri = Rewrite(baseUrl, original);
        }

        return base.SendAsync(request, cancellationToken);
    }

    internal static Uri Rewrite(Uri baseUrl, Uri original) =>
        new UriBuilder(baseUrl)
        {
            Path = baseUrl.AbsolutePath.TrimEnd('/') + original.AbsolutePath,
            Query = original.Query.TrimStart('?'),
        }.Uri;

    private bool TryGetBaseUrl(string host, out Uri baseUrl)
    {
        baseUrl = null!;
        if (_baseUrls.Count == 0 || !host.EndsWith(TwilioDomain, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var product = host[..host.IndexOf('.', StringComparison.Ordinal)];
        return _baseUrls.TryGetValue(product, out baseUrl!);
    }
}
