using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoipProviders.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ManagedAuthTokenRotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "delete_secondary_auth_token",
                schema: "voip_providers",
                table: "twilio_resource_cleanups",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "active_auth_token_rotation_id",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "auth_token_rotation_enabled",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "auth_token_rotation_interval_days",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "integer",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.AddColumn<int>(
                name: "auth_token_rotation_propagation_delay_seconds",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "integer",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_auth_token_rotation_at",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "auth_token_rotations",
                schema: "voip_providers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    propagation_delay_seconds = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    step = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    promote_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failure_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    failure_message = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    secondary_auth_token_protected = table.Column<string>(type: "text", nullable: true),
                    secondary_requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    promotion_requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cleanup_pending = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_auth_token_rotations", x => x.id);
                    table.ForeignKey(
                        name: "fk_auth_token_rotations_twilio_provider_provider_id",
                        column: x => x.provider_id,
                        principalSchema: "voip_providers",
                        principalTable: "twilio_providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_twilio_providers_next_auth_token_rotation_at",
                schema: "voip_providers",
                table: "twilio_providers",
                column: "next_auth_token_rotation_at",
                filter: "auth_token_rotation_enabled");

            migrationBuilder.CreateIndex(
                name: "ix_auth_token_rotations_provider_id_cleanup_pending",
                schema: "voip_providers",
                table: "auth_token_rotations",
                column: "provider_id",
                filter: "cleanup_pending");

            migrationBuilder.CreateIndex(
                name: "ix_auth_token_rotations_provider_id_id",
                schema: "voip_providers",
                table: "auth_token_rotations",
                columns: new[] { "provider_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ux_auth_token_rotations_provider_id_running",
                schema: "voip_providers",
                table: "auth_token_rotations",
                column: "provider_id",
                unique: true,
                filter: "status = 'running'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "auth_token_rotations",
                schema: "voip_providers");

            migrationBuilder.DropIndex(
                name: "ix_twilio_providers_next_auth_token_rotation_at",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "delete_secondary_auth_token",
                schema: "voip_providers",
                table: "twilio_resource_cleanups");

            migrationBuilder.DropColumn(
                name: "active_auth_token_rotation_id",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "auth_token_rotation_enabled",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "auth_token_rotation_interval_days",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "auth_token_rotation_propagation_delay_seconds",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "next_auth_token_rotation_at",
                schema: "voip_providers",
                table: "twilio_providers");
        }
    }
}
