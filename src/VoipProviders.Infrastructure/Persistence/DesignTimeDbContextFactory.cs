using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the host. Generating a migration never
/// connects, so the connection string only needs to be well-formed.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<VoipProvidersDbContext>
{
    public VoipProvidersDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<VoipProvidersDbContext>()
            .UseNpgsql(
                Environment.GetEnvironmentVariable("ConnectionStrings__VoipProviders") ?? "Host=localhost;Database=voip_providers_design",
                npgsql => npgsql.MigrationsHistoryTable(VoipProvidersDbContext.MigrationsHistoryTable, VoipProvidersDbContext.Schema))
            .UseSnakeCaseNamingConvention()
            .Options;
        return new VoipProvidersDbContext(options);
    }
}
