using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace VoipProviders.Web.ErrorHandling;

/// <summary>
/// Tells a database that cannot serve us (down, unreachable, restarting, overloaded, gone, refusing our login) from a
/// statement that was wrong. The first is a 503 the caller can retry; the second stays a bug (500).
/// </summary>
internal static class DatabaseFailures
{
    /// <summary>SQLSTATEs of a server that cannot serve us now rather than of a statement it rejected.</summary>
    private static readonly FrozenSet<string> UnavailableStates = FrozenSet.ToFrozenSet(
    [
        "3D000", // invalid_catalog_name: the database does not exist (dropped, or not created yet)
        "28000", // invalid_authorization_specification
        "28P01", // invalid_password
        "53000", // insufficient_resources
        "53100", // disk_full
        "53200", // out_of_memory
        "53300", // too_many_connections
        "57P01", // admin_shutdown
        "57P02", // crash_shutdown
        "57P03", // cannot_connect_now (starting up, recovering)
        "57P04", // database_dropped
        "58000", // system_error
        "58030", // io_error
    ], StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="exception"/> or one of its inner exceptions says the database is unavailable: a transient
    /// Npgsql failure (socket, I/O, connect or pool timeout, connection-class SQLSTATE), the retrying execution strategy
    /// giving up on such failures, or a server that refuses us as a whole (see <see cref="UnavailableStates"/>).
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // The server answered: only states about the server or connection count, never a statement's error
                    // (a deadlock or serialization failure is transient as well, but a database that answers is up).
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || UnavailableStates.Contains(postgres.SqlState);
                case NpgsqlException { IsTransient: true }:
                    return true;
                case RetryLimitExceededException:
                    return true;
                default:
                    continue;
            }
        }

        return false;
    }
}
