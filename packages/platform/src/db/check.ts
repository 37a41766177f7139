import pg from 'pg';

/** Fails with one readable line when the database cannot be reached (no stack trace). */
export async function checkDatabaseReachable(url: string, timeoutMs = 5000): Promise<void> {
  let safe = url;
  try {
    const u = new URL(url);
    u.password = u.password ? '***' : '';
    safe = u.toString();
  } catch {
    throw new Error(`DATABASE_URL is not a valid PostgreSQL URL`);
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`Cannot reach PostgreSQL at ${safe}: ${(error as Error).message || 'connection failed'}`);
  } finally {
    await client.end().catch(() => {});
  }
}
