using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VoipProviders.Infrastructure.Security;

/// <summary>
/// Loads the Data Protection key ring while the host starts — within the start's token, unlike Data Protection's own
/// start-up step it replaces, which read an unreachable database for a minute and more before SIGTERM could stop the
/// host — and reads it again every <see cref="SecretProtectionOptions.KeyRingRefreshInterval"/>, so that a key created
/// or revoked on another replica (<c>reprotect-secrets</c>) is known here within that interval, idle or not.
/// </summary>
internal sealed partial class KeyRingRefresher(
    IKeyRingProvider keyRing,
    RefreshableKeyManager keyManager,
    IOptions<SecretProtectionOptions> options,
    TimeProvider timeProvider,
    ILogger<KeyRingRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // On the thread pool: the first load reads the database synchronously and cannot be cancelled.
            await Task.Run(keyRing.GetCurrentKeyRing, CancellationToken.None).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // As Data Protection's own start-up step: the first secret to be used loads it (or fails) then.
            KeyRingNotLoaded(logger, exception);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyRingRefreshInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            keyManager.ExpireCachedKeyRing();
            try
            {
                // With a ring in hand this starts the read in the background and returns at once; without one (the start
                // could not load it) it reads now, which the stop must not wait for.
                await Task.Run(keyRing.GetCurrentKeyRing, CancellationToken.None).WaitAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                KeyRingNotLoaded(logger, exception);
            }
        }
    }

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "The Data Protection key ring could not be read; secrets cannot be protected or read until it can")]
    private static partial void KeyRingNotLoaded(ILogger logger, Exception exception);
}
