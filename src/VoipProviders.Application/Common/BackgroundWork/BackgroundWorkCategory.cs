namespace VoipProviders.Application.Common.BackgroundWork;

/// <summary>
/// A kind of background work: its name in the operator's API (<c>abandoned-cleanups</c>), its gauges' name
/// (<c>voip_providers.background_work.{MetricName}</c> and <c>…{MetricName}_oldest_age</c>) and the unit it is counted in
/// (<c>{cleanup}</c>).
/// </summary>
public sealed record BackgroundWorkCategory(string Name, string MetricName, string Unit, string Description);
