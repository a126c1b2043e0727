namespace VoipProviders.Application.Contracts;

/// <summary>A fact this module tells the rest of the monolith about, after the change behind it committed.</summary>
public interface IIntegrationEvent;
