using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// Says at every start, outside Development, that <c>Twilio:AllowInsecureBaseUrls</c> is on: requests that carry the
/// tenants' Auth Tokens may then travel over plain http. Meant for emulators in test environments, never production.
/// </summary>
internal sealed partial class InsecureTwilioBaseUrlsWarning(
    IOptions<TwilioOptions> options,
    IHostEnvironment environment,
    ILogger<InsecureTwilioBaseUrlsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() && options.Value.AllowInsecureBaseUrls)
        {
            var http = options.Value.BaseUrls
                .Where(entry => Uri.TryCreate(entry.Value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
                .Select(entry => entry.Key)
                .Order(StringComparer.OrdinalIgnoreCase)
                .ToList();
            InsecureBaseUrlsAllowed(logger, environment.EnvironmentName, http.Count == 0 ? "none yet" : string.Join(", ", http));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3120, Level = LogLevel.Warning, Message = "Twilio:AllowInsecureBaseUrls is set in {Environment}: Twilio requests, which carry the tenants' Auth Tokens, may go over plain http (http base URLs: {HttpProducts}). Use it for emulators in test environments only.")]
    private static partial void InsecureBaseUrlsAllowed(ILogger logger, string environment, string httpProducts);
}
