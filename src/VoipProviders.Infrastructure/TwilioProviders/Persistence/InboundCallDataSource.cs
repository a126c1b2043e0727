using Microsoft.Extensions.Configuration;
using Npgsql;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>
/// The connection pool of the inbound-call look-up: one <see cref="NpgsqlDataSource"/> for the process, with the same
/// connection settings as the database context (no reset on close, statements prepared automatically — ADR-012).
/// </summary>
internal sealed class InboundCallDataSource(IConfiguration configuration) : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(DependencyInjection.EfConnectionString(configuration)));

    public NpgsqlDataSource DataSource => _dataSource.Value;

    public ValueTask DisposeAsync() => _dataSource.IsValueCreated ? _dataSource.Value.DisposeAsync() : ValueTask.CompletedTask;
}
