using VoipProviders.Domain.Common;

namespace VoipProviders.Domain.Providers;

/// <summary>
/// An organization's defaults for the providers it connects. A new provider takes them at connect; changing a default
/// later leaves existing providers as they are (each has its own setting).
/// </summary>
public sealed class OrganizationProviderSettings
{
    private OrganizationProviderSettings()
    {
        // For EF Core materialization.
    }

    public OrganizationId OrganizationId { get; private set; }

    /// <summary>The auto-repair mode a newly connected provider starts with.</summary>
    public AutoRepairMode DefaultAutoRepair { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Counts the changes; the optimistic-concurrency token and the source of the ETag.</summary>
    public long Version { get; private set; }

    /// <summary>The settings of an organization that never set any: every default off.</summary>
    public static OrganizationProviderSettings DefaultsOf(OrganizationId organizationId, DateTimeOffset now)
    {
        organizationId.ThrowIfDefault(nameof(organizationId));
        return new OrganizationProviderSettings
        {
            OrganizationId = organizationId,
            DefaultAutoRepair = AutoRepairMode.Off,
            UpdatedAt = Timestamps.Normalize(now),
            Version = 0,
        };
    }

    /// <summary>Sets the default auto-repair mode. False when unchanged.</summary>
    public bool SetDefaultAutoRepair(AutoRepairMode mode, DateTimeOffset now)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not an auto-repair mode.");
        }

        if (DefaultAutoRepair == mode)
        {
            return false;
        }

        DefaultAutoRepair = mode;
        UpdatedAt = Timestamps.Normalize(now);
        Version++;
        return true;
    }
}
