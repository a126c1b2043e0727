using VoipProviders.Application.Common.Models;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>The read side of imported numbers: what GET and the lists answer with.</summary>
public interface IPhoneNumberReadModel
{
    /// <summary>The organization's imported number, or null.</summary>
    Task<PhoneNumberResponse?> FindAsync(OrganizationId organizationId, Guid phoneNumberId, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the organization's imported numbers, ordered by number (then id); optionally those of one provider, or
    /// those whose E.164 number contains <paramref name="phoneNumber"/>.
    /// </summary>
    Task<PagedResponse<PhoneNumberResponse>> PageAsync(
        OrganizationId organizationId,
        ProviderId? providerId,
        string? phoneNumber,
        int skip,
        int take,
        CancellationToken cancellationToken);

    /// <summary>Which of these SIDs the provider imported, with the ids the imports have.</summary>
    Task<IReadOnlyDictionary<string, Guid>> ImportedBySidAsync(ProviderId providerId, IReadOnlyCollection<string> phoneNumberSids, CancellationToken cancellationToken);
}
