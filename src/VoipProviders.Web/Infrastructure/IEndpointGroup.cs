namespace VoipProviders.Web.Infrastructure;

/// <summary>
/// The endpoints of one resource. Groups are found and mapped by <see cref="EndpointGroupExtensions.MapEndpointGroups"/>
/// under their prefix, behind the organization policy and the API's shared filters, so adding a use case means
/// adding a route to its group — nothing else.
/// </summary>
public interface IEndpointGroup
{
    /// <summary>The route prefix, e.g. <c>/api/v1/providers</c>.</summary>
    static abstract string RoutePrefix { get; }

    /// <summary>The OpenAPI tag the group's operations are listed under.</summary>
    static abstract string Tag { get; }

    /// <summary>What the tag's operations are for, in one sentence; null for a group listed under another group's tag.</summary>
    static abstract string? TagDescription { get; }

    static abstract void Map(RouteGroupBuilder group);
}
