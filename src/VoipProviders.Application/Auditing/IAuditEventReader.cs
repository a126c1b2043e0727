using VoipProviders.Application.Common.Models;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Auditing;

/// <summary>The read side of the audit trail.</summary>
public interface IAuditEventReader
{
    /// <summary>One page of the organization's records that pass the filter, newest first (occurredAt, then id).</summary>
    Task<PagedResponse<AuditEventResponse>> ListAsync(AuditEventFilter filter, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Whether any record of the organization names the provider (it may since have been deleted).</summary>
    Task<bool> NamesProviderAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken);
}
