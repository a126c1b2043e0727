using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Commands.RotateSipCredential;

/// <summary>The command has nothing a caller can get wrong: its ids are parsed at the edge. Declared so the pipeline's rule "every command is validated" holds.</summary>
public sealed class RotateSipCredentialCommandValidator : AbstractValidator<RotateSipCredentialCommand>;
