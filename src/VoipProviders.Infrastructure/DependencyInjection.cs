using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using VoipProviders.Application.Common.Events;
using VoipProviders.Application.Common.Idempotency;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Contracts;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Infrastructure.BackgroundJobs;
using VoipProviders.Infrastructure.Configuration;
using VoipProviders.Infrastructure.Events;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.Infrastructure.Security;
using VoipProviders.Infrastructure.Twilio;

namespace VoipProviders.Infrastructure;

/// <summary>Registers persistence, secret protection, background jobs and the Twilio adapter.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddVoipProvidersInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        AddPersistence(services);
        AddSecretProtection(services, configuration);
        AddTwilio(services);
        services.AddBackgroundJobs(configuration);

        services.AddValidatedOptions<TwilioResourceCleanupOptions>(TwilioResourceCleanupOptions.SectionName);
        services.AddValidatedOptions<PhoneNumberOptions>(PhoneNumberOptions.SectionName);
        services.AddValidatedOptions<VerificationOptions>(VerificationOptions.SectionName);
        services.AddScoped<IIntegrationEventPublisher, IntegrationEventPublisher>();
        services.AddSingleton<IVoipProvidersModule, VoipProvidersModule>();
        return services;
    }

    /// <summary>The PostgreSQL connection string; the module cannot run without one.</summary>
    internal static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(PersistenceOptions.ConnectionStringName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"ConnectionStrings:{PersistenceOptions.ConnectionStringName} is not set; the module needs a PostgreSQL database.")
            : connectionString;
    }

    /// <summary>
    /// The module's connection string as EF Core uses it: a pooled connection goes back to the pool without the
    /// session reset (<c>DISCARD ALL</c>) Npgsql would otherwise send with its next command, one statement less per
    /// query, and frequent statements are prepared automatically. Safe because nothing here leaves session state
    /// behind: no session-level SET, advisory lock, LISTEN or temporary table (transactions end with their units of
    /// work); prepared statements are Npgsql's own.
    /// </summary>
    internal static string EfConnectionString(IConfiguration configuration)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString(configuration)) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0)
        {
            // The same few statements run all day: prepared once per connection, PostgreSQL skips parsing and planning
            // them (kept across pooled reuse, which the reset above would drop). An explicit setting wins.
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    private static void AddPersistence(IServiceCollection services)
    {
        services.AddValidatedOptions<PersistenceOptions>(PersistenceOptions.SectionName);
        // Pooled: the options are built once and contexts are reset and reused, instead of resolving EF Core's
        // internal services and configuring the provider again on every request (ADR-012).
        services.AddDbContextPool<VoipProvidersDbContext>((provider, options) =>
            options.UseNpgsql(EfConnectionString(provider.GetRequiredService<IConfiguration>()), npgsql => npgsql
                    .MigrationsHistoryTable(VoipProvidersDbContext.MigrationsHistoryTable, VoipProvidersDbContext.Schema)
                    // A few quick retries of transient failures; reads run inside the strategy stream (ADR-012).
                    .ExecutionStrategy(dependencies => new StreamingRetryingExecutionStrategy(dependencies)))
                .UseSnakeCaseNamingConvention());
        services.AddScoped<IVoipProvidersDbContext>(provider => provider.GetRequiredService<VoipProvidersDbContext>());
        services.AddScoped<ITwilioProviderRepository, TwilioProviderRepository>();
        services.AddScoped<ITwilioResourceCleanupRepository, TwilioResourceCleanupRepository>();
        services.AddScoped<IImportedPhoneNumberRepository, ImportedPhoneNumberRepository>();
        services.AddScoped<IProviderVerificationStore, ProviderVerificationStore>();
        services.AddScoped<IConnectClaims, ConnectClaims>();
        services.AddScoped<IProvisioningIntents, ProvisioningIntents>();
        services.AddScoped<ITwilioProviderReadModel, TwilioProviderReadModel>();
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddSingleton<ITwilioCleanupQueue, TwilioCleanupQueue>();
        services.AddScoped<IUnitOfWork, EfUnitOfWork>();
        services.AddHostedService<DatabaseMigrationHostedService>();
    }

    private static void AddSecretProtection(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SecretProtectionOptions>(SecretProtectionOptions.SectionName);

        // Data Protection takes its application name and certificate while the container is built.
        var settings = configuration.GetSection(SecretProtectionOptions.SectionName).Get<SecretProtectionOptions>() ?? new SecretProtectionOptions();
        var dataProtection = services.AddDataProtection()
            .SetApplicationName(settings.ApplicationName)
            .PersistKeysToDbContext<VoipProvidersDbContext>();
        if (LoadKeyEncryptionCertificate(settings) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);

            // The current certificate and the ones it replaced: keys encrypted before a rotation stay readable.
            dataProtection.UnprotectKeysWithAnyCertificate(
            [
                certificate,
                .. settings.KeyDecryptionCertificates.Select(file => X509CertificateLoader.LoadPkcs12FromFile(file.Path, file.Password)),
            ]);
        }

        services.AddSingleton<IValidateOptions<SecretProtectionOptions>, SecretProtectionOptionsValidator>();
        services.AddHostedService<UnprotectedKeyRingWarning>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
    }

    private static X509Certificate2? LoadKeyEncryptionCertificate(SecretProtectionOptions options) =>
        string.IsNullOrWhiteSpace(options.KeyEncryptionCertificatePath)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(options.KeyEncryptionCertificatePath, options.KeyEncryptionCertificatePassword);

    private static void AddTwilio(IServiceCollection services)
    {
        services.AddValidatedOptions<TwilioOptions>(TwilioOptions.SectionName);
        services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>();

        services.AddTransient<TwilioCallScopeHandler>();
        services.AddTransient<TwilioHttpLoggingHandler>();
        services.AddTransient<TwilioBaseUrlRewriteHandler>();
        services.AddHttpClient(TwilioRestClientFactory.HttpClientName, (provider, client) =>
            {
                // Polly's timeouts cancel each attempt; this is only a backstop for requests made outside a call scope.
                client.Timeout = provider.GetRequiredService<IOptions<TwilioOptions>>().Value.Resilience.TotalTimeout + TimeSpan.FromSeconds(5);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TwilioCallScopeHandler>()
            .AddHttpMessageHandler<TwilioHttpLoggingHandler>()
            .AddHttpMessageHandler<TwilioBaseUrlRewriteHandler>()
            // The shared transport lives for the process; PooledConnectionLifetime keeps DNS fresh.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddSingleton<TwilioRestClientFactory>();
        services.AddSingleton<TwilioResiliencePipeline>();
        services.AddSingleton<TwilioCallExecutor>();
        services.AddSingleton<ITwilioGateway, TwilioGateway>();
    }
}
