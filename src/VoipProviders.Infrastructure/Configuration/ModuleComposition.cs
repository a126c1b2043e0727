using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Infrastructure.Configuration;

/// <summary>
/// Picks up what the features of an assembly declare: every <see cref="IFeatureServices"/> (called once), every class
/// marked <see cref="OptionsSectionAttribute"/> (bound and validated on start, see <see cref="OptionsRegistration"/>)
/// and every <see cref="IValidateOptions{TOptions}"/> that checks one. Nothing here names a feature.
/// </summary>
public static class ModuleComposition
{
    private static readonly MethodInfo AddValidatedOptionsMethod =
        typeof(OptionsRegistration).GetMethod(nameof(OptionsRegistration.AddValidatedOptions))!;

    public static IServiceCollection AddFeaturesOf(this IServiceCollection services, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var types = assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .ToList();

        foreach (var type in types)
        {
            if (type.GetCustomAttribute<OptionsSectionAttribute>() is { } section)
            {
                AddValidatedOptionsMethod.MakeGenericMethod(type).Invoke(null, [services, section.SectionName]);
            }

            foreach (var validator in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidateOptions<>)))
            {
                services.TryAddEnumerable(ServiceDescriptor.Singleton(validator, type));
            }
        }

        foreach (var type in types.Where(typeof(IFeatureServices).IsAssignableFrom))
        {
            ((IFeatureServices)Activator.CreateInstance(type)!).AddServices(services);
        }

        return services;
    }
}
