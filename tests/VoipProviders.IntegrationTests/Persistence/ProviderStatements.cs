using System.Data.Common;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>How the database interceptors recognise the statements that read or store a provider.</summary>
internal static class ProviderStatements
{
    private const string ProvidersTable = "voip_providers.twilio_providers";

    /// <summary>The command inserts a provider (the connect's commit).</summary>
    public static bool InsertsProvider(DbCommand command) =>
        command.CommandText.Contains("INSERT INTO " + ProvidersTable, StringComparison.Ordinal);

    /// <summary>The command deletes a provider (a delete's commit).</summary>
    public static bool DeletesProvider(DbCommand command) =>
        command.CommandText.Contains("DELETE FROM " + ProvidersTable, StringComparison.Ordinal);

    /// <summary>The command is the UPDATE a unit of work saves a changed provider with (not a bulk ExecuteUpdate).</summary>
    public static bool UpdatesProvider(DbCommand command) =>
        command.CommandText.StartsWith("UPDATE " + ProvidersTable + " SET", StringComparison.Ordinal);

    /// <summary>The command (a batch, say: the UPDATE with its audit record and events) carries the UPDATE a unit of work saves a changed provider with.</summary>
    public static bool CarriesProviderUpdate(DbCommand command) =>
        command.CommandText.Contains("UPDATE " + ProvidersTable + " SET", StringComparison.Ordinal);

    /// <summary>The command is a query that reads the providers table (a GET, a list, a command's read).</summary>
    public static bool ReadsProviders(DbCommand command) =>
        command.CommandText.StartsWith("SELECT", StringComparison.Ordinal)
        && command.CommandText.Contains("FROM " + ProvidersTable, StringComparison.Ordinal);

    /// <summary>The command touches the providers table at all (a connect's or a change's commit).</summary>
    public static bool TouchesProviders(DbCommand command) =>
        command.CommandText.Contains(ProvidersTable, StringComparison.Ordinal);
}
