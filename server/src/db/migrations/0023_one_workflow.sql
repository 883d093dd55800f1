CREATE TABLE "workflow_documents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workflow_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"application_id" bigint,
	"project_id" bigint,
	"request_id" bigint,
	"kind" text NOT NULL,
	"doc_name" text,
	"file_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_documents_one_subject_ck" CHECK (num_nonnulls("workflow_documents"."application_id", "workflow_documents"."project_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "workflow_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workflow_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"application_id" bigint,
	"project_id" bigint,
	"action" text NOT NULL,
	"user_id" bigint,
	"user_name" text DEFAULT '' NOT NULL,
	"org_name" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_events_one_subject_ck" CHECK (num_nonnulls("workflow_events"."application_id", "workflow_events"."project_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "workflow_documents" ADD CONSTRAINT "workflow_documents_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_documents" ADD CONSTRAINT "workflow_documents_project_id_repair_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."repair_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_documents" ADD CONSTRAINT "workflow_documents_request_id_project_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."project_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_documents" ADD CONSTRAINT "workflow_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_events" ADD CONSTRAINT "workflow_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_events" ADD CONSTRAINT "workflow_events_project_id_repair_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."repair_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workflow_documents_application_idx" ON "workflow_documents" USING btree ("application_id") WHERE "workflow_documents"."application_id" is not null;--> statement-breakpoint
CREATE INDEX "workflow_documents_project_idx" ON "workflow_documents" USING btree ("project_id") WHERE "workflow_documents"."project_id" is not null;--> statement-breakpoint
CREATE INDEX "workflow_documents_request_idx" ON "workflow_documents" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "workflow_events_application_idx" ON "workflow_events" USING btree ("application_id","created_at") WHERE "workflow_events"."application_id" is not null;--> statement-breakpoint
CREATE INDEX "workflow_events_project_idx" ON "workflow_events" USING btree ("project_id","created_at") WHERE "workflow_events"."project_id" is not null;--> statement-breakpoint
-- Every row of the four old tables, in id order per table, so each timeline and document list keeps its order.
INSERT INTO "workflow_events" ("application_id", "action", "user_id", "user_name", "org_name", "note", "created_at")
  SELECT "application_id", "action", "user_id", "user_name", "org_name", "note", "created_at" FROM "application_events" ORDER BY "id";--> statement-breakpoint
INSERT INTO "workflow_events" ("project_id", "action", "user_id", "user_name", "org_name", "note", "created_at")
  SELECT "project_id", "action", "user_id", "user_name", "org_name", "note", "created_at" FROM "project_events" ORDER BY "id";--> statement-breakpoint
INSERT INTO "workflow_documents" ("application_id", "kind", "file_id", "created_at")
  SELECT "application_id", "kind", "file_id", "created_at" FROM "application_documents" ORDER BY "id";--> statement-breakpoint
INSERT INTO "workflow_documents" ("project_id", "request_id", "kind", "doc_name", "file_id", "created_at")
  SELECT "project_id", "request_id", "kind", "doc_name", "file_id", "created_at" FROM "project_documents" ORDER BY "id";--> statement-breakpoint
DROP TABLE "application_documents" CASCADE;--> statement-breakpoint
DROP TABLE "application_events" CASCADE;--> statement-breakpoint
DROP TABLE "project_documents" CASCADE;--> statement-breakpoint
DROP TABLE "project_events" CASCADE;
