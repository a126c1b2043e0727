using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Auditing;
using VoipProviders.Application.Common.Models;
using VoipProviders.Domain.Common;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Auditing;

/// <summary><see cref="IAuditEventReader"/>: untracked reads of the organization's records, newest first.</summary>
internal sealed class AuditEventReader(VoipProvidersDbContext dbContext) : IAuditEventReader
{
    private IQueryable<AuditRecord> Records => dbContext.Set<AuditRecord>().AsNoTracking();

    public async Task<PagedResponse<AuditEventResponse>> ListAsync(AuditEventFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var organizationId = filter.OrganizationId.Value;
        var records = Records.Where(r => r.OrganizationId == organizationId);
        if (filter.ProviderId is { } provider)
        {
            var providerId = provider.Value;
            records = records.Where(r => r.ProviderId == providerId);
        }

        if (filter.Action is { } action)
        {
            records = records.Where(r => r.Action == action);
        }

        if (filter.Outcome is { } outcome)
        {
            records = records.Where(r => r.Outcome == outcome);
        }

        if (filter.From is { } from)
        {
            records = records.Where(r => r.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            records = records.Where(r => r.OccurredAt <= to);
        }

        var totalCount = await records.CountAsync(cancellationToken);
        List<AuditRecord> page = totalCount <= skip
            ? []
            : await records
                .OrderByDescending(r => r.OccurredAt)
                .ThenByDescending(r => r.Id)
                .Skip(skip)
                .Take(take)
                .ToListAsync(cancellationToken);
        return new PagedResponse<AuditEventResponse>([.. page.Select(ToResponse)], totalCount, skip, take);
    }

    public Task<bool> NamesProviderAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken)
    {
        var organization = organizationId.Value;
        var provider = providerId.Value;
        return Records.AnyAsync(r => r.OrganizationId == organization && r.ProviderId == provider, cancellationToken);
    }

    private static AuditEventResponse ToResponse(AuditRecord record)
    {
        using var details = JsonDocument.Parse(record.Details);
        return new AuditEventResponse
        {
            Id = record.Id,
            OccurredAt = record.OccurredAt,
            OrganizationId = record.OrganizationId,
            ProviderId = record.ProviderId,
            Action = record.Action,
            Outcome = record.Outcome,
            Actor = new AuditEventActorResponse(record.ActorType, record.ActorId, record.SourceAddress),
            TraceId = record.TraceId,
            Details = details.RootElement.Clone(),
        };
    }
}
