using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundWork;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Infrastructure.BackgroundWork;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.BackgroundWork;

/// <summary>
/// Providers whose scheduled verification is more than <see cref="VerificationOptions.OverdueAfter"/> past its due
/// time (ADR-009): the sweep is off, stuck, or cannot keep up. Longest overdue first; <c>since</c> is the due time.
/// </summary>
internal sealed class OverdueVerificationsBackgroundWork(ModuleDataSource dataSource, IOptions<VerificationOptions> options) : IBackgroundWorkSource
{
    private const string Tally = "SELECT count(*), min(next_verification_at) FROM voip_providers.twilio_providers WHERE next_verification_at < @cutoff";

    private const string Page = """
        SELECT id, verification_status, organization_id, account_sid, trunk_sid, next_verification_at
        FROM voip_providers.twilio_providers
        WHERE next_verification_at < @cutoff
        ORDER BY next_verification_at, id
        OFFSET @skip LIMIT @take
        """;

    public BackgroundWorkCategory Category { get; } = new(
        "overdue-verifications",
        "overdue_verifications",
        "{verification}",
        "Providers whose scheduled verification is overdue by more than Verification:OverdueAfter.");

    public Task<BackgroundWorkTally> TallyAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BackgroundWorkSql.TallyAsync(dataSource.DataSource, Tally, Cutoff(now), cancellationToken);

    public Task<PagedResponse<BackgroundWorkItem>> ListAsync(DateTimeOffset now, int skip, int take, CancellationToken cancellationToken) =>
        BackgroundWorkSql.PageAsync(dataSource.DataSource, Tally, Page, Cutoff(now), skip, take, reader =>
        {
            var since = reader.GetFieldValue<DateTimeOffset>(5);
            var providerId = reader.GetGuid(0);
            return new BackgroundWorkItem(
                providerId.ToString(),
                reader.GetString(1),
                since,
                BackgroundWorkItem.SecondsBetween(since, now),
                reader.GetString(2),
                providerId,
                reader.GetString(3),
                Attempts: 0,
                LastFailure: null,
                [new BackgroundWorkResource("trunk", reader.GetString(4))]);
        }, cancellationToken);

    private DateTimeOffset Cutoff(DateTimeOffset now) => now - options.Value.OverdueAfter;
}
