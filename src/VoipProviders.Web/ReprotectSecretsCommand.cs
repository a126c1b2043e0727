using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VoipProviders.Application;
using VoipProviders.Infrastructure;
using VoipProviders.Infrastructure.Security;

namespace VoipProviders.Web;

/// <summary>
/// <c>reprotect-secrets [--propagation-delay 00:02:00]</c>: puts every stored secret under a new Data Protection key
/// (encrypted with the configured certificate) and retires the old keys — after configuring a key-encryption certificate
/// for the first time, after a suspected key leak, or as a routine rotation. Runs with the host's own configuration
/// (database, certificate); the replicas keep serving meanwhile. README, "Re-protecting secrets".
/// </summary>
internal static class ReprotectSecretsCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddVoipProvidersApplication();
        builder.Services.AddVoipProvidersInfrastructure(builder.Configuration);

        TimeSpan? propagationDelay = null;
        if (builder.Configuration["propagation-delay"] is { } setting)
        {
            if (!TimeSpan.TryParse(setting, CultureInfo.InvariantCulture, out var parsed) || parsed < TimeSpan.Zero)
            {
                return Fail($"--propagation-delay must be a time span such as 00:02:00 (it was '{setting}').");
            }

            propagationDelay = parsed;
        }

        await using var app = builder.Build();
        try
        {
            // The settings are checked as a replica's start checks them: no certificate outside Development stops here.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException exception)
        {
            return Fail(exception.Message);
        }

        using var interrupted = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Stopping half-way is safe: a later run finishes the job.
            e.Cancel = true;
            interrupted.Cancel();
        };
        try
        {
            return await SecretReprotection.RunAsync(app.Services, propagationDelay, Console.Out, interrupted.Token) ? 0 : 1;
        }
        catch (Exception exception) when (exception is DbException or CryptographicException or InvalidOperationException or OperationCanceledException)
        {
            return Fail($"reprotect-secrets stopped: {exception.Message} Nothing is lost: every secret is under a key the ring still holds; run it again.");
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
