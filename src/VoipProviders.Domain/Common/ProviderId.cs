using System.Diagnostics.CodeAnalysis;

namespace VoipProviders.Domain.Common;

/// <summary>
/// The id of a provider of any type: a non-empty UUID (version 7 for new ones). Parsed once where it enters the module
/// (route values, in-process callers); past that, an instance always names a possible provider.
/// </summary>
public readonly record struct ProviderId
{
    private ProviderId(Guid value) => Value = value;

    public Guid Value { get; }

    /// <summary>A new id, ordered by creation time.</summary>
    public static ProviderId New(DateTimeOffset now) => new(Guid.CreateVersion7(now));

    /// <exception cref="ArgumentException">The empty UUID.</exception>
    public static ProviderId From(Guid value) =>
        value == Guid.Empty ? throw new ArgumentException("A provider id is a non-empty UUID.", nameof(value)) : new ProviderId(value);

    public static bool TryParse([NotNullWhen(true)] string? value, out ProviderId providerId)
    {
        providerId = Guid.TryParse(value, out var parsed) && parsed != Guid.Empty ? new ProviderId(parsed) : default;
        return providerId.Value != Guid.Empty;
    }

    public override string ToString() => Value.ToString();
}
