using VoipProviders.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;
using VoipProviders.Contracts.Calling;
using VoipProviders.Application.TwilioProviders.Calling;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>
/// <see cref="IInboundCallDirectory"/> as one SQL statement on a pooled connection of its own: the provider by its
/// routing key (unique index) or account (index), joined with the number by <c>(provider_id, phone_number)</c> (index).
/// It runs on every inbound call set-up, so it skips the database context altogether (no context lease, no change
/// tracker, no query pipeline) and is prepared once per connection; a transient failure is retried once.
/// </summary>
internal sealed class InboundCallDirectory(ModuleDataSource dataSource) : IInboundCallDirectory
{
    private const string Select =
        """
        SELECT p.organization_id, p.id, n.id, n.phone_number
        FROM voip_providers.twilio_providers AS p
        JOIN voip_providers.imported_phone_numbers AS n ON n.provider_id = p.id AND n.phone_number = $1
        """;

    // One statement per key combination, each with a plan that starts from the provider's index (a generic plan of
    // "key IS NULL OR key = $2" could not), prepared once per connection.
    private const string ByRoutingKey = Select + " WHERE p.inbound_routing_key = $2 LIMIT 1";
    private const string ByAccount = Select + " WHERE p.account_sid = $2 ORDER BY n.id LIMIT 1";
    private const string ByBoth = Select + " WHERE p.inbound_routing_key = $2 AND p.account_sid = $3 LIMIT 1";

    private const int Attempts = 2;

    public async Task<InboundCallResolution?> ResolveAsync(string calledNumber, string? routingKey, AccountSid? accountSid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calledNumber);
        if (routingKey is null && accountSid is null)
        {
            throw new ArgumentException("A routing key or an account SID is needed.", nameof(routingKey));
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await QueryAsync(calledNumber, routingKey, accountSid?.Value, cancellationToken);
            }
            catch (NpgsqlException exception) when (exception.IsTransient && attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                // A dropped pooled connection (failover, restart): a read, so one more try on a fresh connection.
            }
        }
    }

    private async Task<InboundCallResolution?> QueryAsync(string calledNumber, string? routingKey, string? accountSid, CancellationToken cancellationToken)
    {
        await using var command = dataSource.DataSource.CreateCommand((routingKey, accountSid) switch
        {
            (not null, not null) => ByBoth,
            (not null, null) => ByRoutingKey,
            _ => ByAccount,
        });
        command.Parameters.Add(Text(calledNumber));
        foreach (var key in new[] { routingKey, accountSid }.OfType<string>())
        {
            command.Parameters.Add(Text(key));
        }

        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new InboundCallResolution(reader.GetString(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3));
    }

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Varchar };
}
