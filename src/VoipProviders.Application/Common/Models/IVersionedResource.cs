namespace VoipProviders.Application.Common.Models;

/// <summary>A response that shows one version of a resource; HTTP turns the pair into the ETag.</summary>
public interface IVersionedResource
{
    Guid Id { get; }

    long Version { get; }
}
