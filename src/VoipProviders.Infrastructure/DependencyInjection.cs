using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Contracts;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.Infrastructure.Security;
using VoipProviders.Infrastructure.Twilio;

namespace VoipProviders.Infrastructure;

/// <summary>Registers persistence, secret protection and the Twilio adapter.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddVoipProvidersInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PersistenceOptions>().Bind(configuration.GetSection(PersistenceOptions.SectionName));
        services.AddDbContext<VoipProvidersDbContext>((provider, options) =>
        {
            var connectionString = provider.GetRequiredService<IConfiguration>().GetConnectionString(PersistenceOptions.ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:{PersistenceOptions.ConnectionStringName} is not set; the module needs a PostgreSQL database.");
            }

            options.UseNpgsql(connectionString, npgsql => npgsql
                    .MigrationsHistoryTable(VoipProvidersDbContext.MigrationsHistoryTable, VoipProvidersDbContext.Schema)
                    .EnableRetryOnFailure())
                .UseSnakeCaseNamingConvention();
        });
        services.AddScoped<IVoipProvidersDbContext>(provider => provider.GetRequiredService<VoipProvidersDbContext>());
        services.AddScoped<ITwilioProviderRepository, TwilioProviderRepository>();
        services.AddScoped<IUnitOfWork, EfUnitOfWork>();
        services.AddHostedService<DatabaseMigrationHostedService>();

        services.AddScoped<IVoipProvidersModule, VoipProvidersModule>();

        AddDataProtection(services, configuration);
        AddTwilio(services, configuration);
        return services;
    }

    private static void AddDataProtection(IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(DataProtectionSettings.SectionName).Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        var builder = services.AddDataProtection()
            .SetApplicationName(settings.ApplicationName)
            .PersistKeysToDbContext<VoipProvidersDbContext>();
        if (!string.IsNullOrWhiteSpace(settings.KeyEncryptionCertificatePath))
        {
            builder.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(settings.KeyEncryptionCertificatePath, settings.KeyEncryptionCertificatePassword));
        }

        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
    }

    private static void AddTwilio(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TwilioOptions>()
            .Bind(configuration.GetSection(TwilioOptions.SectionName))
            .ValidateOnStart();
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
