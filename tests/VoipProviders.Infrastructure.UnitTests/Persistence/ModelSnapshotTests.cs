using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.UnitTests.Persistence;

/// <summary>
/// The model the configurations build (typed ids through value converters, relationships declared where the features
/// put them, configurations in the features' namespaces) is the one the last migration's snapshot describes: a reshape
/// of the code must not need a migration. No connection is opened.
/// </summary>
public sealed class ModelSnapshotTests
{
    [Fact]
    public void The_model_has_no_changes_the_migrations_do_not_already_make()
    {
        using var context = NewContext();

        var pending = context.Database.HasPendingModelChanges();

        pending.Should().BeFalse("a migration would be needed for: {0}", pending ? string.Join("; ", PendingDifferences(context)) : "nothing");
    }

    private static VoipProvidersDbContext NewContext() =>
        new(new DbContextOptionsBuilder<VoipProvidersDbContext>()
            .UseNpgsql(
                "Host=localhost;Database=unused",
                npgsql => npgsql.MigrationsHistoryTable(VoipProvidersDbContext.MigrationsHistoryTable, VoipProvidersDbContext.Schema))
            .UseSnakeCaseNamingConvention()
            .Options);

    /// <summary>What HasPendingModelChanges compares, as the operations a new migration would hold.</summary>
    private static IEnumerable<string> PendingDifferences(VoipProvidersDbContext context)
    {
        var snapshot = context.GetService<IMigrationsAssembly>().ModelSnapshot?.Model;
        // HasPendingModelChanges has finalized the (cached) snapshot already; a model is finalized only once.
        if (snapshot is IMutableModel mutable and Annotatable { IsReadOnly: false })
        {
            snapshot = mutable.FinalizeModel();
        }

        if (snapshot is not null)
        {
            snapshot = context.GetService<IModelRuntimeInitializer>().Initialize(snapshot);
        }

        return context.GetService<IMigrationsModelDiffer>()
            .GetDifferences(snapshot?.GetRelationalModel(), context.GetService<IDesignTimeModel>().Model.GetRelationalModel())
            .Select(Describe);
    }

    private static string Describe(MigrationOperation operation) => operation switch
    {
        AlterColumnOperation alter =>
            $"{nameof(AlterColumnOperation)} {alter.Schema}.{alter.Table}.{alter.Name}: " +
            $"{alter.OldColumn.ColumnType ?? alter.OldColumn.ClrType?.Name}({alter.OldColumn.MaxLength}) null={alter.OldColumn.IsNullable} -> " +
            $"{alter.ColumnType ?? alter.ClrType?.Name}({alter.MaxLength}) null={alter.IsNullable}",
        ColumnOperation column => $"{operation.GetType().Name} {column.Schema}.{column.Table}.{column.Name}",
        _ => $"{operation.GetType().Name} {Property(operation, "Schema")}.{Property(operation, "Table")}.{Property(operation, "Name")}",
    };

    private static object? Property(MigrationOperation operation, string name) =>
        operation.GetType().GetProperty(name)?.GetValue(operation);
}
