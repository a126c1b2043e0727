using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VoipProviders.Application.Common.Security;

namespace VoipProviders.Infrastructure.Security;

/// <summary>A declared <see cref="ProtectedSecretColumn"/> in SQL terms: its table, key, owner and secret columns, quoted.</summary>
internal sealed record SecretColumnLocation(string Name, string Table, string Key, string Secret, string OwnerSql, SecretPurpose Purpose, Guid? FixedOwner)
{
    public static SecretColumnLocation In(IModel model, ProtectedSecretColumn column)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(column);
        var entity = model.FindEntityType(column.Entity)
            ?? throw new InvalidOperationException($"{column.Entity.Name} declares a protected secret but is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var key = entity.FindPrimaryKey()?.Properties is [var single]
            ? single.GetColumnName(store)!
            : throw new InvalidOperationException($"{column.Entity.Name} needs a single-column key to have its secrets re-protected.");
        var secret = ColumnOf(entity, column.Property, store);
        var owner = column.OwnerProperty is { } ownerProperty ? Quote(ColumnOf(entity, ownerProperty, store)) : "NULL";
        return new SecretColumnLocation(
            $"{table}.{secret}",
            $"{Quote(entity.GetSchema() ?? "public")}.{Quote(table)}",
            Quote(key),
            Quote(secret),
            owner,
            column.Purpose,
            column.FixedOwner);
    }

    private static string ColumnOf(IEntityType entity, string property, StoreObjectIdentifier store) =>
        (entity.FindProperty(property) ?? throw new InvalidOperationException($"{entity.ClrType.Name} has no property {property}."))
            .GetColumnName(store)!;

    private static string Quote(string identifier) => '"' + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';
}
