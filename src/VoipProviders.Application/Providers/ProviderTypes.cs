using System.Diagnostics.CodeAnalysis;

namespace VoipProviders.Application.Providers;

/// <summary>
/// The provider types this host serves, in registration order (the order generic reads ask them in). Each was added with
/// <see cref="ProviderTypeServices.AddProviderType{TResponse, TReadModel, TDeletion, TChecks}"/>.
/// </summary>
public sealed class ProviderTypes
{
    public ProviderTypes(IEnumerable<ProviderTypeRegistration> registrations)
    {
        All = [.. registrations];
        if (All.Select(r => r.Type).Distinct().Count() != All.Count)
        {
            throw new InvalidOperationException("A provider type is registered twice.");
        }

        Names = [.. All.Select(r => r.Type.Name)];
    }

    public IReadOnlyList<ProviderTypeRegistration> All { get; }

    /// <summary>The discriminators as the API spells them.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>A registered type by its exact name (as a filter or a discriminator spells it).</summary>
    public bool TryParse([NotNullWhen(true)] string? name, out ProviderType type)
    {
        foreach (var registration in All)
        {
            if (string.Equals(registration.Type.Name, name, StringComparison.Ordinal))
            {
                type = registration.Type;
                return true;
            }
        }

        type = default;
        return false;
    }
}
