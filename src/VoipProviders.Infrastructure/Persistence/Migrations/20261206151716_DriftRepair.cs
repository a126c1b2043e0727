using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoipProviders.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DriftRepair : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "auto_repair",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "off");

            migrationBuilder.AddColumn<int>(
                name: "auto_repair_count",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "auto_repair_paused_until",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "auto_repair_window_started_at",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pending_repair_credential_list_name",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pending_repair_trunk_domain_name",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "repair_lease_until",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "repair_run_id",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "organization_provider_settings",
                schema: "voip_providers",
                columns: table => new
                {
                    organization_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    default_auto_repair = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organization_provider_settings", x => x.organization_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "organization_provider_settings",
                schema: "voip_providers");

            migrationBuilder.DropColumn(
                name: "auto_repair",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "auto_repair_count",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "auto_repair_paused_until",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "auto_repair_window_started_at",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "pending_repair_credential_list_name",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "pending_repair_trunk_domain_name",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "repair_lease_until",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "repair_run_id",
                schema: "voip_providers",
                table: "twilio_providers");
        }
    }
}
