-- A text's pieces for searching by one or two characters, which have no trigram: each character and
-- each pair of neighbours of the lowered text. Lowering keeps a text's length (letter by letter), so a
-- lowered search text of one or two characters is itself one piece of every text that holds it.
CREATE FUNCTION text_pieces(t text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  l text := lower(t);
  n int := char_length(l);
  pieces text[] := '{}';
BEGIN
  FOR i IN 1 .. n LOOP
    pieces := pieces || substr(l, i, 1);
    IF i < n THEN
      pieces := pieces || substr(l, i, 2);
    END IF;
  END LOOP;
  RETURN pieces;
END
$$;--> statement-breakpoint
CREATE INDEX "payment_notices_no_pieces" ON "payment_notices" USING gin (text_pieces("no")) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "payment_notices_payer_pieces" ON "payment_notices" USING gin (text_pieces("payer_name")) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "houses_address_pieces" ON "houses" USING gin (text_pieces("address")) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "repair_projects_name_pieces" ON "repair_projects" USING gin (text_pieces("name")) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "repair_projects_no_pieces" ON "repair_projects" USING gin (text_pieces("no")) WITH (gin_pending_list_limit=64);