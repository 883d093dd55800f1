ALTER TABLE "project_notices" ADD COLUMN "apportion_basis" text;--> statement-breakpoint
ALTER TABLE "repair_projects" ADD COLUMN "share_basis" text DEFAULT 'area' NOT NULL;