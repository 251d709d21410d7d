CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"last_used_ip" text,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"permissions" text[] DEFAULT '{}'::text[] NOT NULL,
	"built_in" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_label" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "target_label" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "role_id" uuid;--> statement-breakpoint
-- Every company gets the three built-in roles (lib/roles/permissions.ts BUILT_IN_ROLES), and each
-- user the one their old role named: admin -> Administrator, member -> Member.
INSERT INTO "roles" ("company_id", "name", "permissions", "built_in")
  SELECT c."id", r."name", r."permissions", r."built_in" FROM "companies" c CROSS JOIN (VALUES
    ('Administrator', ARRAY['users:read','users:write','users:2fa','company:read','company:write','audit:read','api-keys:manage']::text[], 'administrator'),
    ('Member', '{}'::text[], 'member'),
    ('Auditor', ARRAY['users:read','company:read','audit:read']::text[], 'auditor')
  ) AS r("name", "permissions", "built_in");--> statement-breakpoint
UPDATE "users" u SET "role_id" = r."id" FROM "roles" r
  WHERE r."company_id" = u."company_id"
    AND r."built_in" = CASE WHEN u."role" = 'admin' THEN 'administrator' ELSE 'member' END;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "role_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "api_allowed_ips" text[];--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_user_idx" ON "api_keys" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roles_company_name_idx" ON "roles" USING btree ("company_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "roles_company_built_in_idx" ON "roles" USING btree ("company_id","built_in");--> statement-breakpoint
CREATE UNIQUE INDEX "roles_id_company_idx" ON "roles" USING btree ("id","company_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_company_fk" FOREIGN KEY ("role_id","company_id") REFERENCES "public"."roles"("id","company_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role_id");--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "role";--> statement-breakpoint
DROP TYPE "public"."user_role";