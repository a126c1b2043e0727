namespace VoipProviders.Application.Common.BackgroundJobs;

/// <summary>
/// The stable identity of an <see cref="IRecurringJob"/> in the job engine's store: <see cref="Group"/> and
/// <see cref="Name"/> name the job, <see cref="Trigger"/> its schedule. They are kept across deploys (the store holds
/// them), so they never change once a job was deployed.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RecurringJobAttribute(string group, string name, string trigger) : Attribute
{
    public string Group { get; } = group;

    public string Name { get; } = name;

    public string Trigger { get; } = trigger;
}
