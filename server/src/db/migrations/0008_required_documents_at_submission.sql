ALTER TABLE "applications" ADD COLUMN "required_documents" jsonb;--> statement-breakpoint
ALTER TABLE "project_requests" ADD COLUMN "required_documents" jsonb;