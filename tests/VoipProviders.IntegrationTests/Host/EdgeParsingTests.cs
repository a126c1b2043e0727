using System.Security.Claims;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Http;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>
/// The organization (the token's claim) and the provider id (the route) are parsed once, at the edge, into the types
/// every command carries; what was wrong is a 400 naming the field, in the words the validators used to answer with,
/// never repeating the value.
/// </summary>
public sealed class EdgeParsingTests
{
    public static TheoryData<string, string[]> MalformedOrganizations => new()
    {
        { string.Empty, ["organizationId is required."] },
        { "   ", ["organizationId is required.", "organizationId must not contain control characters or whitespace."] },
        { new string('z', 65), ["organizationId must be at most 64 characters."] },
        { "org\u0000evil", ["organizationId must not contain control characters or whitespace."] },
        { "org acme", ["organizationId must not contain control characters or whitespace."] },
        { "org\nacme", ["organizationId must not contain control characters or whitespace."] },
    };

    [Theory]
    [MemberData(nameof(MalformedOrganizations))]
    public void A_malformed_org_id_claim_is_a_validation_failure_naming_organizationId(string claim, string[] messages)
    {
        var act = () => UserOf(claim).GetOrganizationId();

        var errors = act.Should().Throw<RequestValidationException>().Which.Errors;
        errors.Keys.Should().Equal("organizationId");
        errors["organizationId"].Should().Equal(messages);
        if (claim.Trim().Length > 0)
        {
            errors["organizationId"].Should().AllSatisfy(m => m.Should().NotContain(claim));
        }
    }

    [Theory]
    [InlineData("org_acme")]
    [InlineData("a")]
    [InlineData("org-ÄÖÜ-0123456789")]
    public void A_well_formed_org_id_claim_is_the_organization(string claim)
    {
        var user = UserOf(claim);

        user.GetOrganizationId().Value.Should().Be(claim);
        user.TryGetOrganizationId(out var parsed).Should().BeTrue();
        parsed.Value.Should().Be(claim);
    }

    [Fact]
    public void A_64_character_org_id_is_accepted_and_the_middleware_look_up_refuses_what_the_parse_refuses()
    {
        UserOf(new string('z', 64)).GetOrganizationId().Value.Should().HaveLength(64);
        UserOf("org\u0000evil").TryGetOrganizationId(out _).Should().BeFalse();
        new ClaimsPrincipal(new ClaimsIdentity()).TryGetOrganizationId(out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("not-a-uuid", "id must be a UUID.")]
    [InlineData("00000000-0000-0000-0000-000000000000", "id must be a non-empty UUID.")]
    public void A_malformed_provider_id_in_the_route_is_a_validation_failure_naming_id(string id, string message)
    {
        var act = () => RouteIds.Provider(id);

        var errors = act.Should().Throw<RequestValidationException>().Which.Errors;
        errors.Keys.Should().Equal("id");
        errors["id"].Should().Equal(message);
    }

    [Fact]
    public void The_empty_provider_id_in_a_query_names_its_parameter_and_a_real_one_parses()
    {
        var act = () => RouteIds.Provider(Guid.Empty, "providerId");
        var id = Guid.CreateVersion7();

        act.Should().Throw<RequestValidationException>().Which.Errors.Should().ContainKey("providerId")
            .WhoseValue.Should().Equal("id must be a non-empty UUID.");
        RouteIds.Provider(id.ToString()).Value.Should().Be(id);
        RouteIds.Provider(id, "providerId").Value.Should().Be(id);
    }

    private static ClaimsPrincipal UserOf(string organizationId) =>
        new(new ClaimsIdentity([new Claim(OrganizationClaims.ClaimType, organizationId)], "test"));
}
