using System.Text.Json.Serialization;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Wires the emulator into a <see cref="WebApplicationBuilder"/>: admin endpoints plus a catch-all Twilio handler.</summary>
internal static class EmulatorApplication
{
    public static WebApplication Build(WebApplicationBuilder builder, TwilioEmulatorState state)
    {
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton<TwilioRequestProcessor>();
        builder.Services.AddRouting();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        AdminEndpoints.Map(app);
        var processor = app.Services.GetRequiredService<TwilioRequestProcessor>();
        app.Map("{**path}", processor.HandleAsync);
        return app;
    }
}
