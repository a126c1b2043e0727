using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Infrastructure.Auditing;

/// <summary>Settings under <c>Audit</c>: how long the audit trail keeps its records.</summary>
[OptionsSection(SectionName)]
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Days a record is kept; the clustered clean-up deletes older ones every hour.</summary>
    [Range(30, 3650)]
    public int RetentionDays { get; set; } = 400;
}
