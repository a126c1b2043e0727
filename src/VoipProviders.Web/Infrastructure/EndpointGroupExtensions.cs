using System.Reflection;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Http;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.Infrastructure;

internal static class EndpointGroupExtensions
{
    private static readonly MethodInfo MapGroupMethod =
        typeof(EndpointGroupExtensions).GetMethod(nameof(MapGroup), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The endpoint groups of this assembly, in a stable order.</summary>
    public static IReadOnlyList<Type> GroupTypes { get; } =
    [
        .. typeof(EndpointGroupExtensions).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IEndpointGroup).IsAssignableFrom(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal),
    ];

    /// <summary>Each tag and its description, given by the group that describes it.</summary>
    public static IReadOnlyDictionary<string, string> TagDescriptions { get; } = GroupTypes
        .Select(type => (
            Tag: (string)type.GetProperty(nameof(IEndpointGroup.Tag), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!,
            Description: (string?)type.GetProperty(nameof(IEndpointGroup.TagDescription), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)))
        .Where(group => group.Description is not null)
        .ToDictionary(group => group.Tag, group => group.Description!, StringComparer.Ordinal);

    /// <summary>Maps every <see cref="IEndpointGroup"/>: authenticated, organization-scoped, tagged answers (ETag, If-None-Match).</summary>
    public static IEndpointRouteBuilder MapEndpointGroups(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(string.Empty)
            .RequireAuthorization(OrganizationClaims.PolicyName)
            .AddEndpointFilter<ETagResponseFilter>()
            .WithMetadata(EntityTagsMetadata.Instance)
            .WithCommonProblemResponses();
        foreach (var type in GroupTypes)
        {
            MapGroupMethod.MakeGenericMethod(type).Invoke(null, [api]);
        }

        return app;
    }

    private static void MapGroup<TGroup>(RouteGroupBuilder api)
        where TGroup : IEndpointGroup =>
        TGroup.Map(api.MapGroup(TGroup.RoutePrefix).WithTags(TGroup.Tag));
}
