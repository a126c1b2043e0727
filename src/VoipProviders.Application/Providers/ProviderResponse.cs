using System.Text.Json.Serialization;
using VoipProviders.Application.Common.Models;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers;

/// <summary>
/// A provider of any type, as callers see it: the fields every provider has, plus those of its type, told apart by
/// <see cref="ProviderType"/>. It never carries a credential.
/// </summary>
[JsonConverter(typeof(ProviderResponseJsonConverter))]
public abstract record ProviderResponse : IVersionedResource
{
    [JsonPropertyOrder(-10)]
    public required Guid Id { get; init; }

    [JsonPropertyOrder(-9)]
    public required string Name { get; init; }

    /// <summary>The discriminator: which kind of provider this is, and so which other fields it has.</summary>
    [JsonPropertyOrder(-8)]
    public abstract ProviderType ProviderType { get; }

    public required VerificationStatus VerificationStatus { get; init; }

    public DateTimeOffset? LastVerifiedAt { get; init; }

    public int PhoneNumberCount { get; init; }

    public IReadOnlyList<VerificationCheckResponse>? VerificationDetails { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The version the response shows; HTTP carries it as the ETag, in-process callers pass it back to change it.</summary>
    [JsonIgnore]
    public long Version { get; init; }
}
