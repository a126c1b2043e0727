using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoipProviders.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CallsOverTheTrunk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "inbound_routing_key",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "character varying(63)",
                maxLength: 63,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "origination_lease_until",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "origination_revision",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "origination_urls",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "retiring_sip_credentials",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "secure_trunking",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sip_credential_updated_at",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "sip_credential_version",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            // Providers connected before this release: a random routing key each (32 hexadecimal characters, DNS-label
            // safe), their credential counted from their creation; their origination revision stays null, so the
            // rollout gives their trunks origination URLs.
            migrationBuilder.Sql(
                """
                UPDATE voip_providers.twilio_providers
                SET inbound_routing_key = replace(gen_random_uuid()::text, '-', ''),
                    sip_credential_updated_at = created_at;
                """);

            migrationBuilder.CreateTable(
                name: "origination_settings_revisions",
                schema: "voip_providers",
                columns: table => new
                {
                    revision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    last_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_origination_settings_revisions", x => x.revision);
                });

            migrationBuilder.CreateIndex(
                name: "ix_twilio_providers_account_sid",
                schema: "voip_providers",
                table: "twilio_providers",
                column: "account_sid");

            migrationBuilder.CreateIndex(
                name: "ux_twilio_providers_inbound_routing_key",
                schema: "voip_providers",
                table: "twilio_providers",
                column: "inbound_routing_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "origination_settings_revisions",
                schema: "voip_providers");

            migrationBuilder.DropIndex(
                name: "ix_twilio_providers_account_sid",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropIndex(
                name: "ux_twilio_providers_inbound_routing_key",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "inbound_routing_key",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "origination_lease_until",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "origination_revision",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "origination_urls",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "retiring_sip_credentials",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "secure_trunking",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "sip_credential_updated_at",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "sip_credential_version",
                schema: "voip_providers",
                table: "twilio_providers");
        }
    }
}
