using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using VoipProviders.Web.ErrorHandling;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>
/// Which failures the exception handler answers with 503 <c>database_unavailable</c>: the shapes Npgsql and EF Core
/// give a database that is down, unreachable, restarting, overloaded or gone — including the ones the execution
/// strategy retries for a long time before giving up, which an HTTP test cannot wait for.
/// </summary>
public sealed class DatabaseFailureClassificationTests
{
    public static TheoryData<string, Exception> Unavailable => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused)) },
        { "connect timeout", new NpgsqlException("Exception while connecting", new TimeoutException()) },
        { "connection reset", new NpgsqlException("Exception while reading from stream", new IOException("reset")) },
        { "pool exhausted", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()) },
        {
            "no retrying strategy", new InvalidOperationException(
                "An exception has been raised that is likely due to a transient failure.",
                new NpgsqlException("Exception while reading from stream", new EndOfStreamException()))
        },
        { "retries exhausted", new RetryLimitExceededException("Maximum number of retries (6) exceeded", new NpgsqlException("x", new SocketException())) },
        { "during save", new DbUpdateException("save failed", new NpgsqlException("x", new IOException())) },
        { "database missing", Postgres("3D000") },
        { "login refused", Postgres("28P01") },
        { "too many connections", Postgres("53300") },
        { "admin shutdown", Postgres("57P01") },
        { "starting up", Postgres("57P03") },
        { "connection failure", Postgres("08006") },
    };

    public static TheoryData<string, Exception> NotUnavailable => new()
    {
        { "unique violation", Postgres("23505") },
        { "NUL in text", Postgres("22021") },
        { "deadlock", Postgres("40P01") },
        { "undefined table", Postgres("42P01") },
        { "plain bug", new InvalidOperationException("Sequence contains no elements") },
        { "socket outside the database", new HttpRequestException("upstream", new SocketException((int)SocketError.ConnectionRefused)) },
        { "timeout outside the database", new TimeoutException() },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void Connection_failures_count_as_unavailable_and_statement_errors_do_not(string because, Exception exception)
    {
        DatabaseFailures.IsUnavailable(exception).Should().BeTrue(because);
    }

    [Theory]
    [MemberData(nameof(NotUnavailable))]
    public void A_statement_the_database_rejected_or_a_failure_elsewhere_stays_an_internal_error(string because, Exception exception)
    {
        DatabaseFailures.IsUnavailable(exception).Should().BeFalse(because);
    }

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
