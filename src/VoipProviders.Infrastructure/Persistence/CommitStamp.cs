using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// A column on a versioned aggregate's row holding the id of the unit of work that last moved its version. A commit
/// that moves such a version stamps the row, and the stamp is that commit's evidence (ADR-004): no commit marker is
/// written, so a change to one aggregate row is a single autocommitted UPDATE. The stamp changes exactly when the
/// version does — writes that keep the version (verification results) never touch it.
/// </summary>
internal static class CommitStamp
{
    public const string PropertyName = "LastCommitId";

    private static readonly ConcurrentDictionary<IEntityType, StampedTable> Tables = new();

    /// <summary>Adds the stamp column to an aggregate whose <see cref="long"/> version is its concurrency token.</summary>
    public static void Configure<TEntity>(EntityTypeBuilder<TEntity> builder)
        where TEntity : class =>
        builder.Property<Guid?>(PropertyName);

    /// <summary>
    /// Stamps <paramref name="entry"/> with <paramref name="commitId"/> when this commit moves its version, and says how
    /// to tell afterwards whether the commit took effect.
    /// </summary>
    public static bool TryStamp(EntityEntry entry, Guid commitId, out StampedRow row)
    {
        row = default;
        if (entry.State != EntityState.Modified || entry.Metadata.FindProperty(PropertyName) is not { } stampProperty)
        {
            return false;
        }

        var table = Tables.GetOrAdd(entry.Metadata, static (type, stamp) => StampedTable.For(type, stamp), stampProperty);
        var version = entry.Property(table.Version);
        var written = (long)version.CurrentValue!;
        if (!version.IsModified || written == (long)version.OriginalValue!)
        {
            return false;
        }

        entry.Property(stampProperty).CurrentValue = commitId;
        // The look-up binds the key as the database stores it (a typed id goes through its value converter).
        var key = entry.Property(table.Key).CurrentValue!;
        row = new StampedRow(table.LookupSql, table.KeyConverter?.ConvertToProvider(key) ?? key, commitId, written);
        return true;
    }

    private sealed record StampedTable(IProperty Key, ValueConverter? KeyConverter, IProperty Version, string LookupSql)
    {
        public static StampedTable For(IEntityType type, IProperty stamp)
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var key = type.FindPrimaryKey()!.Properties.Single();
            var version = type.GetProperties().Single(property => property.IsConcurrencyToken && property.ClrType == typeof(long));
            // FOR SHARE waits for a writer that still holds the row, so a statement the server is still executing is
            // judged by its outcome, not by the row as it was before it.
            var sql = $"""
                SELECT "{version.GetColumnName(table)}", "{stamp.GetColumnName(table)}"
                FROM "{table.Schema}"."{table.Name}" WHERE "{key.GetColumnName(table)}" = @key FOR SHARE
                """;
            return new StampedTable(key, key.GetTypeMapping().Converter, version, sql);
        }
    }
}
