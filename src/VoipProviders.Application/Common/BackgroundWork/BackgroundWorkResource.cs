namespace VoipProviders.Application.Common.BackgroundWork;

/// <summary>Something a stuck item concerns: <c>trunk</c> <c>TK…</c>, <c>credentialList</c> <c>CL…</c>, <c>handler</c> <c>Agents.Handler</c>.</summary>
public sealed record BackgroundWorkResource(string Kind, string Value);
