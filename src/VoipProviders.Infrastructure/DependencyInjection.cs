using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Internal;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VoipProviders.Application.Common.Idempotency;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Security;
using VoipProviders.Contracts;
using VoipProviders.Infrastructure.Auditing;
using VoipProviders.Infrastructure.BackgroundJobs;
using VoipProviders.Infrastructure.BackgroundWork;
using VoipProviders.Infrastructure.Configuration;
using VoipProviders.Infrastructure.Events;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.Infrastructure.Security;

namespace VoipProviders.Infrastructure;

/// <summary>
/// Registers the building blocks — persistence with its unit of work, secret protection, background and recurring jobs,
/// integration events, the module facade — and then what the features of the application and infrastructure layers
/// declare (<see cref="ModuleComposition"/>). It names no feature.
/// </summary>
public static class DependencyInjection
{
    public static IServiceCollection AddVoipProvidersInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        AddPersistence(services);
        AddSecretProtection(services, configuration);
        services.AddBackgroundJobs(configuration);
        services.AddIntegrationEvents();
        services.AddBackgroundWorkObservation();
        services.AddAuditTrail();
        services.AddSingleton<IVoipProvidersModule, VoipProvidersModule>();

        services.AddFeaturesOf(typeof(Application.DependencyInjection).Assembly);
        services.AddFeaturesOf(typeof(DependencyInjection).Assembly);
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
        // Pooled: the options are built once and contexts are reset and reused, instead of resolving EF Core's
        // internal services and configuring the provider again on every request (ADR-012).
        services.AddDbContextPool<VoipProvidersDbContext>((provider, options) =>
            options.UseNpgsql(EfConnectionString(provider.GetRequiredService<IConfiguration>()), npgsql => npgsql
                    .MigrationsHistoryTable(VoipProvidersDbContext.MigrationsHistoryTable, VoipProvidersDbContext.Schema)
                    // A few quick retries of transient failures; reads run inside the strategy stream (ADR-012).
                    .ExecutionStrategy(dependencies => new StreamingRetryingExecutionStrategy(dependencies)))
                .UseSnakeCaseNamingConvention());
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddScoped<IdempotencyResponseWriter>();
        services.AddScoped<IUnitOfWork, EfUnitOfWork>();
        services.AddSingleton<ModuleDataSource>();
        services.AddHostedService<DatabaseMigrationHostedService>();
    }

    private static void AddSecretProtection(IServiceCollection services, IConfiguration configuration)
    {
        // Data Protection takes its application name and certificate while the container is built.
        var settings = configuration.GetSection(SecretProtectionOptions.SectionName).Get<SecretProtectionOptions>() ?? new SecretProtectionOptions();

        // The key manager whose cached ring a replica reads again every KeyRingRefreshInterval (registered before
        // AddDataProtection, whose own registration then stands back).
        services.AddSingleton<KeyRingRepository>();
        services.AddSingleton(provider => new XmlKeyManager(
            provider.GetRequiredService<IOptions<KeyManagementOptions>>(),
            provider.GetRequiredService<IActivator>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<RefreshableKeyManager>();
        services.AddSingleton<IKeyManager>(provider => provider.GetRequiredService<RefreshableKeyManager>());

        var dataProtection = services.AddDataProtection()
            .SetApplicationName(settings.ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = provider.GetRequiredService<KeyRingRepository>()));

        // Data Protection's start-up step loads the ring synchronously, deaf to a SIGTERM while the database does not
        // answer; KeyRingRefresher loads it within the start's token instead, and keeps it fresh.
        foreach (var startUp in services.Where(IsDataProtectionStartUp).ToList())
        {
            services.Remove(startUp);
        }

        services.AddHostedService<KeyRingRefresher>();
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

        services.AddHostedService<UnprotectedKeyRingWarning>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<SecretReprotector>();
    }

    private static bool IsDataProtectionStartUp(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IHostedService)
        && descriptor.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    private static X509Certificate2? LoadKeyEncryptionCertificate(SecretProtectionOptions options) =>
        string.IsNullOrWhiteSpace(options.KeyEncryptionCertificatePath)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(options.KeyEncryptionCertificatePath, options.KeyEncryptionCertificatePassword);
}
