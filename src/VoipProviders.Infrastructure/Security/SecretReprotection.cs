using Microsoft.Extensions.DependencyInjection;

namespace VoipProviders.Infrastructure.Security;

/// <summary>
/// The work of the host's <c>reprotect-secrets</c> command: a new Data Protection key, every stored secret re-protected
/// under it, the old keys revoked (and deleted when they were stored unencrypted). See README, "Re-protecting secrets".
/// </summary>
public static class SecretReprotection
{
    /// <summary>
    /// Runs it with the services of a built host (not started: replicas that are serve the API meanwhile); writes what it
    /// did to <paramref name="report"/>. False when it stopped short (another run going, secrets that kept changing):
    /// nothing is lost, run it again. <paramref name="propagationDelay"/> defaults to twice
    /// <c>DataProtection:KeyRingRefreshInterval</c>, the time every replica needs to load the new key.
    /// </summary>
    public static Task<bool> RunAsync(IServiceProvider services, TimeSpan? propagationDelay, TextWriter report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(report);
        var reprotector = services.GetRequiredService<SecretReprotector>();
        return reprotector.RunAsync(propagationDelay ?? reprotector.DefaultPropagationDelay, report, cancellationToken);
    }
}
