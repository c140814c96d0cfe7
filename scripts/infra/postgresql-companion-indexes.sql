-- FerretDB 1.x stores each collection as a table of one jsonb column `_jsonb` and makes a MongoDB index a
-- btree over `_jsonb -> 'field'`, but it pushes an equality filter down as `_jsonb -> 'field' @> value`,
-- which a btree cannot serve: every query scans the table. This event trigger gives each such index a
-- companion GIN index (jsonb_path_ops, which serves @>) on its leading field, so that a lookup by `_id` or
-- by an indexed field's value becomes an index scan. It runs once, when the cluster is created.
CREATE FUNCTION companion_gin_indexes() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE
  created record;
  first_key text;
BEGIN
  FOR created IN
    SELECT x.indexrelid, x.indrelid, c.relname
    FROM pg_event_trigger_ddl_commands() d
    JOIN pg_index x ON x.indexrelid = d.objid
    JOIN pg_class c ON c.oid = x.indexrelid
    JOIN pg_am a ON a.oid = c.relam
    WHERE d.command_tag = 'CREATE INDEX' AND a.amname = 'btree'
  LOOP
    first_key := pg_get_indexdef(created.indexrelid, 1, false);
    -- Top-level fields only, e.g. ((_jsonb -> 'user'::text)); a dotted path is left as FerretDB made it.
    IF first_key ~ '^\(+_jsonb -> ''[^'']+''::text\)+$' THEN
      EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin (%s jsonb_path_ops)',
        left(created.relname, 59) || '_gin', created.indrelid::regclass, first_key);
    END IF;
  END LOOP;
END
$fn$;

CREATE EVENT TRIGGER companion_gin_indexes ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION companion_gin_indexes();
