using VoipProviders.Domain.Common;

namespace VoipProviders.Infrastructure.Auditing;

/// <summary>A server-side key the module made for itself (an HMAC key, see <see cref="ModuleKeys"/>), encrypted with Data Protection.</summary>
internal sealed class ModuleKey
{
    public required string Name { get; init; }

    public required ProtectedSecret Value { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
