import { sql, type Kysely } from 'kysely';

/**
 * Nearby searches walk the inhabited cells, not the users. About ninety users
 * can share a cell at a million users in a city, and a GiST index over their
 * identical points spreads each cell over many leaf pages, every one of them
 * at the same distance, so an ordered scan visits them all. One index entry
 * per cell keeps that walk short; the users of a cell come from a B-tree.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('position_cells')
    .addColumn('cell_row', 'integer', (c) => c.notNull())
    .addColumn('cell_col', 'integer', (c) => c.notNull())
    .addColumn('cell_latitude', 'double precision', (c) => c.notNull())
    .addColumn('cell_longitude', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('position_cells_pkey', ['cell_row', 'cell_col'])
    .execute();
  // Computed like user_positions.cell_point, so both give the same distances.
  await sql`ALTER TABLE position_cells ADD COLUMN cell_point earth
    GENERATED ALWAYS AS (ll_to_earth(cell_latitude, cell_longitude)) STORED`.execute(db);
  await sql`INSERT INTO position_cells (cell_row, cell_col, cell_latitude, cell_longitude)
    SELECT DISTINCT cell_row, cell_col, cell_latitude, cell_longitude FROM user_positions
    WHERE cell_row IS NOT NULL AND cell_col IS NOT NULL`.execute(db);
  await sql`CREATE INDEX position_cells_point_idx ON position_cells USING gist (cell_point)`.execute(db);

  // Every writer of a published cell records it, whichever path it takes.
  await sql`CREATE FUNCTION record_position_cell() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO position_cells (cell_row, cell_col, cell_latitude, cell_longitude)
      VALUES (NEW.cell_row, NEW.cell_col, NEW.cell_latitude, NEW.cell_longitude)
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER user_positions_cell_inserted AFTER INSERT ON user_positions
    FOR EACH ROW WHEN (NEW.cell_row IS NOT NULL AND NEW.cell_col IS NOT NULL)
    EXECUTE FUNCTION record_position_cell()`.execute(db);
  await sql`CREATE TRIGGER user_positions_cell_moved AFTER UPDATE OF cell_row, cell_col ON user_positions
    FOR EACH ROW WHEN (NEW.cell_row IS NOT NULL AND NEW.cell_col IS NOT NULL
      AND (OLD.cell_row, OLD.cell_col) IS DISTINCT FROM (NEW.cell_row, NEW.cell_col))
    EXECUTE FUNCTION record_position_cell()`.execute(db);

  await db.schema
    .createIndex('user_positions_cell_idx')
    .on('user_positions')
    .columns(['cell_row', 'cell_col', 'user_id'])
    .execute();
  await db.schema.dropIndex('user_positions_cell_point_idx').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX user_positions_cell_point_idx ON user_positions USING gist (cell_point)`.execute(db);
  await db.schema.dropIndex('user_positions_cell_idx').ifExists().execute();
  await sql`DROP TRIGGER IF EXISTS user_positions_cell_moved ON user_positions`.execute(db);
  await sql`DROP TRIGGER IF EXISTS user_positions_cell_inserted ON user_positions`.execute(db);
  await sql`DROP FUNCTION IF EXISTS record_position_cell()`.execute(db);
  await db.schema.dropTable('position_cells').ifExists().execute();
}
