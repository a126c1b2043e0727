using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// Applies pending migrations while the host starts, before it serves requests, when
/// <c>Database:MigrateOnStartup</c> is true. EF Core takes a database lock, so concurrent replicas are safe.
/// </summary>
internal sealed class DatabaseMigrationHostedService(
    IServiceScopeFactory scopeFactory,
    IOptions<PersistenceOptions> options,
    ILogger<DatabaseMigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStartup)
        {
            return;
        }

        logger.Migrating(VoipProvidersDbContext.Schema);
        await using var scope = scopeFactory.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>().Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
