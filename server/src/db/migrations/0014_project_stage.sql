ALTER TABLE "project_notices" ADD COLUMN "apportion_basis" text;--> statement-breakpoint
ALTER TABLE "repair_projects" ADD COLUMN "stage" text DEFAULT 'editing' NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_projects" ADD COLUMN "stage_until" text;--> statement-breakpoint
ALTER TABLE "repair_projects" ADD COLUMN "stage_next" text;--> statement-breakpoint
ALTER TABLE "repair_projects" ADD COLUMN "share_basis" text DEFAULT 'area' NOT NULL;--> statement-breakpoint
CREATE INDEX "repair_projects_stage_idx" ON "repair_projects" USING btree ("stage","created_at");--> statement-breakpoint
CREATE INDEX "repair_projects_stage_next_idx" ON "repair_projects" USING btree ("stage_next","stage_until");--> statement-breakpoint
-- Projects that existed before the stage was stored: the stage their rows show. Every later step
-- of a project stores it again from domain/project-stage.ts (which also sees an outdated notice).
WITH facts AS (
  SELECT p.id, p.type, p.status, p.vote_passed, p.acceptance_recorded_at,
    (SELECT n.deadline FROM project_notices n WHERE n.project_id = p.id AND n.kind = 'initiation' ORDER BY n.id DESC LIMIT 1) AS initiation,
    (SELECT n.deadline FROM project_notices n WHERE n.project_id = p.id AND n.kind = 'acceptance' ORDER BY n.id DESC LIMIT 1) AS acceptance,
    EXISTS (SELECT 1 FROM project_notices n WHERE n.project_id = p.id AND n.kind = 'cancellation') AS cancelling,
    EXISTS (SELECT 1 FROM project_requests r WHERE r.project_id = p.id AND r.kind = 'disbursement'
      AND r.status IN ('submitted', 'accepted', 'approved', 'confirmed')) AS moving
  FROM repair_projects p
), staged AS (
  SELECT id,
    CASE
      WHEN status IN ('cancelled', 'completed') THEN status
      WHEN cancelling THEN 'cancellation_notice'
      WHEN status = 'submitted' THEN 'approval_review'
      WHEN acceptance IS NOT NULL AND (status = 'approved' OR type = 'simple') THEN 'acceptance_notice'
      WHEN acceptance_recorded_at IS NOT NULL AND (status = 'approved' OR type = 'simple') THEN 'accepted'
      WHEN status = 'approved' AND (moving OR type = 'simple') THEN 'disbursing'
      WHEN status = 'approved' THEN 'approved'
      WHEN vote_passed IS TRUE THEN 'vote_passed'
      WHEN vote_passed IS FALSE THEN 'vote_failed'
      WHEN initiation IS NOT NULL THEN 'notice'
      ELSE 'editing'
    END AS stage,
    CASE
      WHEN status IN ('cancelled', 'completed', 'submitted') OR cancelling THEN NULL
      WHEN acceptance IS NOT NULL AND (status = 'approved' OR type = 'simple') THEN acceptance
      WHEN status = 'draft' AND vote_passed IS NULL AND initiation IS NOT NULL THEN initiation
    END AS stage_until,
    CASE
      WHEN status IN ('cancelled', 'completed', 'submitted') OR cancelling THEN NULL
      WHEN acceptance IS NOT NULL AND status = 'approved' THEN 'disbursing'
      WHEN acceptance IS NOT NULL AND type = 'simple' THEN 'awaiting_approval'
      WHEN status = 'draft' AND vote_passed IS NULL AND initiation IS NOT NULL THEN
        CASE WHEN type = 'emergency' THEN 'awaiting_approval' ELSE 'awaiting_vote' END
    END AS stage_next
  FROM facts
)
UPDATE repair_projects p SET stage = s.stage, stage_until = s.stage_until, stage_next = s.stage_next
FROM staged s WHERE s.id = p.id;
