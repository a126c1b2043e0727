using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VoipProviders.Infrastructure.Security;

/// <summary>Says loudly, at every start, that the key ring is stored unencrypted outside Development.</summary>
internal sealed partial class UnprotectedKeyRingWarning(
    IOptions<SecretProtectionOptions> options,
    IHostEnvironment environment,
    ILogger<UnprotectedKeyRingWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.Value.KeyEncryptionCertificatePath))
        {
            KeyRingUnprotected(logger, environment.EnvironmentName);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "DataProtection:AllowUnprotectedKeys is set in {Environment}: the key ring that decrypts every stored Auth Token is stored UNENCRYPTED in the database. Configure DataProtection:KeyEncryptionCertificatePath for production.")]
    private static partial void KeyRingUnprotected(ILogger logger, string environment);
}
