CREATE TABLE "duo_enrollments" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"duo_user_id" text NOT NULL,
	"activation_code_encrypted" text NOT NULL,
	"activation_barcode_url" text NOT NULL,
	"activation_url" text NOT NULL,
	"started_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "login_challenges" ADD COLUMN "duo_txid" text;--> statement-breakpoint
ALTER TABLE "login_challenges" ADD COLUMN "duo_txid_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "duo_username" text;--> statement-breakpoint
ALTER TABLE "duo_enrollments" ADD CONSTRAINT "duo_enrollments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duo_enrollments" ADD CONSTRAINT "duo_enrollments_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;