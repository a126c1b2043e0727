using Microsoft.Extensions.Options;

namespace VoipProviders.Web.Auth;

/// <summary>
/// Says at every start, outside Development, that <c>Auth:RequireHttpsMetadata</c> is off: the issuer's metadata and
/// signing keys may then be fetched over plain http, where anyone on the path can swap the keys and mint tokens.
/// </summary>
internal sealed partial class InsecureAuthMetadataWarning(
    IOptions<AuthOptions> options,
    IHostEnvironment environment,
    ILogger<InsecureAuthMetadataWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() && !options.Value.RequireHttpsMetadata)
        {
            HttpsMetadataNotRequired(logger, environment.EnvironmentName);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3121, Level = LogLevel.Warning, Message = "Auth:RequireHttpsMetadata is false in {Environment}: the issuer's metadata and signing keys may be fetched over plain http, where they can be swapped. Use it for a local development issuer only.")]
    private static partial void HttpsMetadataNotRequired(ILogger logger, string environment);
}
