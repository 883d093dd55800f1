ALTER TABLE "project_documents" ADD COLUMN "doc_name" text;--> statement-breakpoint
CREATE INDEX "project_documents_request_idx" ON "project_documents" USING btree ("request_id");--> statement-breakpoint
-- Documents uploaded for 资金拨付 before each application kept its own: each goes with the first
-- disbursement application of its project submitted after the upload (where there is one), so an
-- earlier phase's upload is no longer listed for the next application. Their doc_name stays null:
-- untagged uploads remain readable, listed under 其他材料.
UPDATE project_documents d SET request_id = (
  SELECT r.id FROM project_requests r
  WHERE r.project_id = d.project_id AND r.kind = 'disbursement' AND r.submitted_at >= d.created_at
  ORDER BY r.submitted_at, r.id LIMIT 1
)
WHERE d.kind = '资金拨付要件' AND d.request_id IS NULL;
