CREATE TABLE "evote_ballots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evote_ballots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"evote_id" bigint NOT NULL,
	"seq" bigint NOT NULL,
	"house_id" bigint NOT NULL,
	"owner_id" bigint NOT NULL,
	"choice" text NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"receipt_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_evotes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_evotes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"notice_id" bigint NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"final_hash" text,
	"totals" jsonb,
	"opened_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_evotes_period_ck" CHECK ("project_evotes"."closes_at" > "project_evotes"."opens_at")
);
--> statement-breakpoint
ALTER TABLE "evote_ballots" ADD CONSTRAINT "evote_ballots_evote_id_project_evotes_id_fk" FOREIGN KEY ("evote_id") REFERENCES "public"."project_evotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evote_ballots" ADD CONSTRAINT "evote_ballots_house_id_houses_id_fk" FOREIGN KEY ("house_id") REFERENCES "public"."houses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evote_ballots" ADD CONSTRAINT "evote_ballots_owner_id_owner_accounts_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evotes" ADD CONSTRAINT "project_evotes_project_id_repair_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."repair_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evotes" ADD CONSTRAINT "project_evotes_notice_id_project_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."project_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evote_ballots_seq_uq" ON "evote_ballots" USING btree ("evote_id","seq");--> statement-breakpoint
CREATE INDEX "evote_ballots_house_idx" ON "evote_ballots" USING btree ("evote_id","house_id","seq");--> statement-breakpoint
CREATE INDEX "evote_ballots_receipt_idx" ON "evote_ballots" USING btree ("receipt_code");--> statement-breakpoint
CREATE UNIQUE INDEX "project_evotes_notice_uq" ON "project_evotes" USING btree ("project_id","notice_id");--> statement-breakpoint
CREATE INDEX "project_evotes_due_idx" ON "project_evotes" USING btree ("closes_at") WHERE "project_evotes"."status" = 'open';--> statement-breakpoint
-- R-82: ballots are append-only. The database refuses UPDATE, DELETE and TRUNCATE on them,
-- whoever connects (the function is the audit log's, migration 0011).
CREATE TRIGGER evote_ballots_append_only BEFORE UPDATE OR DELETE ON evote_ballots FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER evote_ballots_no_truncate BEFORE TRUNCATE ON evote_ballots FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
