// Liveness for load balancers and the test harness: answers once the runtime and database are up.
import { ping } from '../../../db/client';
import { getRuntime } from '../../../lib/runtime';

export async function GET() {
  try {
    const { db, database } = await getRuntime();
    await ping(db);
    return Response.json({ status: 'ok', database: database.kind });
  } catch {
    return Response.json({ status: 'unavailable' }, { status: 503 });
  }
}
