using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.UnitTests.Persistence;

public sealed class ConstraintErrorMapTests
{
    [Fact]
    public void Every_declared_constraint_error_Should_name_a_constraint_the_model_creates()
    {
        using var context = new VoipProvidersDbContext(new DbContextOptionsBuilder<VoipProvidersDbContext>()
            .UseNpgsql("Host=localhost;Database=model_only")
            .UseSnakeCaseNamingConvention()
            .Options);
        var model = context.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model;
        var constraints = model.GetEntityTypes()
            .SelectMany(entity => entity.GetIndexes().Select(index => index.GetDatabaseName())
                .Concat(entity.GetKeys().Select(key => key.GetName()))
                .Concat(entity.GetForeignKeys().Select(foreignKey => foreignKey.GetConstraintName())))
            .ToHashSet(StringComparer.Ordinal);

        ConstraintErrorMap.ConstraintNames.Should().NotBeEmpty();
        ConstraintErrorMap.ConstraintNames.Should().BeSubsetOf(constraints, "a renamed index or foreign key would silently turn a 404 or 409 into a 500");
    }
}
