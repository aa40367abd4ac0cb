// Liveness for load balancers and the test harness: answers once the runtime and database are up.
// Public on purpose, so it says nothing about the instance beyond "ok".
import { ping } from '../../../db/client';
import { getRuntime } from '../../../lib/runtime';

export async function GET() {
  try {
    const { db } = await getRuntime();
    await ping(db);
    return Response.json({ status: 'ok' });
  } catch {
    return Response.json({ status: 'unavailable' }, { status: 503 });
  }
}
