using Npgsql;
using VoipProviders.Application.Common.BackgroundWork;
using VoipProviders.Application.Common.Models;

namespace VoipProviders.Infrastructure.BackgroundWork;

/// <summary>
/// How the sources of stuck background work read the database: a tally statement answers one row (<c>count</c>, the
/// oldest item's time or null) and a page statement the window <c>@skip</c>/<c>@take</c>, oldest first; both may use
/// <c>@cutoff</c> (a grace period's end). Plain Npgsql on the module's pool: no unit of work, nothing tracked.
/// </summary>
internal static class BackgroundWorkSql
{
    public static async Task<BackgroundWorkTally> TallyAsync(NpgsqlDataSource dataSource, string sql, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("cutoff", cutoff);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = (int)reader.GetInt64(0);
        return count == 0 ? BackgroundWorkTally.None : new BackgroundWorkTally(count, reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    public static async Task<PagedResponse<BackgroundWorkItem>> PageAsync(
        NpgsqlDataSource dataSource,
        string tallySql,
        string pageSql,
        DateTimeOffset cutoff,
        int skip,
        int take,
        Func<NpgsqlDataReader, BackgroundWorkItem> read,
        CancellationToken cancellationToken)
    {
        var tally = await TallyAsync(dataSource, tallySql, cutoff, cancellationToken);
        var items = new List<BackgroundWorkItem>();
        if (tally.Count > skip)
        {
            await using var command = dataSource.CreateCommand(pageSql);
            command.Parameters.AddWithValue("cutoff", cutoff);
            command.Parameters.AddWithValue("skip", skip);
            command.Parameters.AddWithValue("take", take);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(read(reader));
            }
        }

        return new PagedResponse<BackgroundWorkItem>(items, tally.Count, skip, take);
    }

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
