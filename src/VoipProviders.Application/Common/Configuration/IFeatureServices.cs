using Microsoft.Extensions.DependencyInjection;

namespace VoipProviders.Application.Common.Configuration;

/// <summary>
/// The services one feature brings, in one layer: the module finds every implementation in its assemblies and calls it
/// once while the host is composed, so adding a feature adds a class and touches no shared registration. Settings
/// (<see cref="OptionsSectionAttribute"/>), validators, mappings, background and recurring jobs, endpoint groups and
/// entity configurations are found by their own conventions and need no line here.
/// </summary>
public interface IFeatureServices
{
    void AddServices(IServiceCollection services);
}
