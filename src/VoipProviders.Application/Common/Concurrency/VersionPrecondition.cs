using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Common.Concurrency;

/// <summary>
/// The versions of a resource a caller is willing to change (HTTP If-Match, or an in-process caller that read it
/// before). A change to any other version fails with <see cref="PreconditionFailedException"/> and changes nothing.
/// </summary>
public sealed record VersionPrecondition
{
    private VersionPrecondition(IReadOnlyList<long> acceptedVersions) => AcceptedVersions = acceptedVersions;

    public IReadOnlyList<long> AcceptedVersions { get; }

    public static VersionPrecondition Exactly(long version) => new([version]);

    public static VersionPrecondition AnyOf(IEnumerable<long> versions) => new([.. versions.Distinct()]);

    /// <summary>A precondition no version satisfies (e.g. If-Match named only other resources' tags).</summary>
    public static VersionPrecondition Unsatisfiable { get; } = new([]);

    public bool IsSatisfiedBy(long currentVersion) => AcceptedVersions.Contains(currentVersion);

    /// <exception cref="PreconditionFailedException">The current version is not one the caller accepts.</exception>
    public void Check(long currentVersion)
    {
        if (!IsSatisfiedBy(currentVersion))
        {
            throw new PreconditionFailedException();
        }
    }
}
