using VoipProviders.Domain.Common;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>Imported numbers on the write side. Changes are saved by the unit of work.</summary>
public interface IImportedPhoneNumberRepository
{
    /// <summary>The imports of these SIDs by any provider in any organization (a number is imported once, anywhere).</summary>
    Task<IReadOnlyList<ImportedPhoneNumber>> FindBySidsAsync(IReadOnlyCollection<string> phoneNumberSids, CancellationToken cancellationToken);

    Task<ImportedPhoneNumber?> FindAsync(OrganizationId organizationId, ProviderId providerId, Guid phoneNumberId, CancellationToken cancellationToken);

    /// <summary>Every number the provider imported (to detach them when the provider is deleted, to verify them).</summary>
    Task<IReadOnlyList<ImportedPhoneNumber>> ListOfProviderAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>Whether the provider's import of the SID is committed right now (what a compensation leaves attached).</summary>
    Task<bool> IsCommittedAsync(ProviderId providerId, string phoneNumberSid, CancellationToken cancellationToken);

    void Add(ImportedPhoneNumber phoneNumber);

    void Remove(ImportedPhoneNumber phoneNumber);
}
