using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>Applies pending migrations (EF Core takes a database lock, so concurrent replicas are safe).</summary>
internal sealed class DatabaseMigrator(VoipProvidersDbContext dbContext, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        logger.Migrating(VoipProvidersDbContext.Schema);
        await dbContext.Database.MigrateAsync(cancellationToken);
    }
}
