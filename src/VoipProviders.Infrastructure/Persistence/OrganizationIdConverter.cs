using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using VoipProviders.Domain.Common;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>Stores an <see cref="OrganizationId"/> as its text.</summary>
internal sealed class OrganizationIdConverter() : ValueConverter<OrganizationId, string>(id => id.Value, value => OrganizationId.Parse(value));
