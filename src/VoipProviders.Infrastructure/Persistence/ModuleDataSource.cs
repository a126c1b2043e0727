using Microsoft.Extensions.Configuration;
using Npgsql;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// A connection pool for the module's plain Npgsql commands (the inbound-call look-up, the event dispatcher, audit
/// refusals): one <see cref="NpgsqlDataSource"/> for the process, with the same connection settings as the database
/// context (no reset on close, statements prepared automatically — ADR-012).
/// </summary>
internal sealed class ModuleDataSource(IConfiguration configuration) : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(DependencyInjection.EfConnectionString(configuration)));

    public NpgsqlDataSource DataSource => _dataSource.Value;

    public ValueTask DisposeAsync() => _dataSource.IsValueCreated ? _dataSource.Value.DisposeAsync() : ValueTask.CompletedTask;
}
