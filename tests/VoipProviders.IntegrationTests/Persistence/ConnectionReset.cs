using Npgsql;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>What Npgsql throws when the socket dies mid-exchange: transient, so the execution strategy considers a retry.</summary>
internal static class ConnectionReset
{
    public static NpgsqlException Exception() =>
        new("Exception while reading from stream", new IOException("Connection reset by peer"));
}
