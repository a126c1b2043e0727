using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using VoipProviders.Domain.Common;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>Stores a <see cref="ProviderId"/> as its UUID.</summary>
internal sealed class ProviderIdConverter() : ValueConverter<ProviderId, Guid>(id => id.Value, value => ProviderId.From(value));
